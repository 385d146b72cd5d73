package io.dmflow.api.template;

import io.dmflow.api.paging.Page;
import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Task templates: the XML task language, compiled to BPMN and deployed when saved. */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    TemplateUse use;

    @Inject
    TemplateCatalog catalog;

    @GET
    @Operation(summary = "List templates", description = "Paged, ordered by name")
    public Page<TemplateView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        PanacheQuery<TaskTemplate> query = TaskTemplate.findAll(Sort.by("name"));
        List<TemplateView> items = query.page(request.page(), request.size()).list().stream()
                .map(template -> TemplateView.of(template, List.of()))
                .toList();
        return Page.of(items, request, query.count());
    }

    @PUT
    @Path("{name}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Save a template",
            description =
                    "Compiles and deploys it; 400 lists every compile error with its line and column. Executions already running keep their version; new ones get this one")
    public Response put(@PathParam("name") String name, String xml) {
        TemplateCatalog.Saved saved = catalog.save(name, xml);
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(TemplateView.of(saved.template(), saved.warnings()))
                .build();
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A template's XML, as saved")
    public String xml(@PathParam("name") String name) {
        return catalog.require(name).xml;
    }

    @GET
    @Path("{name}/bpmn")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The BPMN a template compiled to")
    public String bpmn(@PathParam("name") String name) {
        return catalog.require(name).bpmn;
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a template", description = "Refused (409) while an active task uses it")
    @Transactional
    public void delete(@PathParam("name") String name) {
        TaskTemplate template = catalog.require(name);
        long active = use.activeTasksRunning(name);
        if (active > 0) {
            throw ProblemException.conflict(
                    "Template in use",
                    "Template " + name + " is used by " + active
                            + " active task(s); cancel them or let them finish first");
        }
        template.delete();
    }
}
