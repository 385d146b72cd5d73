package io.dmflow.api.userprocess;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.dmflow.api.engine.Deployments;
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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Users' own BPMN processes: validated, deployed, and then runnable by tasks. */
@Path("/api/processes")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessResource {

    @Inject
    ProcessUse use;

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");

    @Inject
    Deployments deployments;

    @GET
    @Operation(summary = "List user processes", description = "Paged, ordered by id")
    public Page<ProcessView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        PanacheQuery<UserProcess> query = UserProcess.findAll(Sort.by("id"));
        return Page.of(
                query.page(request.page(), request.size()).list().stream()
                        .map(ProcessView::of)
                        .toList(),
                request,
                query.count());
    }

    @PUT
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            summary = "Deploy a user process",
            description =
                    "The BPMN must hold one executable process whose id is {id}; it is validated, then deployed. Tasks run it with the variables device, task and execution")
    public Response put(@PathParam("id") String id, String bpmn) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badRequest(
                    "Invalid process id",
                    "a process id is an XML name: letters, digits, "
                            + "'_', '-' and '.', starting with a letter or '_'",
                    "id");
        }
        if (bpmn == null || bpmn.isBlank()) {
            throw ProblemException.badRequest("Empty process", "the body must hold the BPMN XML", "body");
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
            Bpmn.validateModel(model);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("Invalid BPMN", "The BPMN is not valid: " + e.getMessage(), "body");
        }
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        List<String> executable = processes.stream()
                .filter(Process::isExecutable)
                .map(Process::getId)
                .toList();
        if (!executable.equals(List.of(id))) {
            throw ProblemException.badRequest(
                    "Process id mismatch",
                    "The BPMN must hold exactly one executable " + "process with id " + id + "; it holds " + executable,
                    "id");
        }
        Deployments.Deployed deployed = deployments.deploy(id + ".bpmn", bpmn);
        return store(id, bpmn, deployed);
    }

    @Transactional
    Response store(String id, String bpmn, Deployments.Deployed deployed) {
        UserProcess process = UserProcess.findById(id);
        boolean created = process == null;
        Instant now = Instant.now();
        if (created) {
            process = new UserProcess();
            process.id = id;
            process.createdAt = now;
        }
        process.bpmn = bpmn;
        process.definitionKey = deployed.definitionKey();
        process.version = deployed.version();
        process.updatedAt = now;
        process.persist();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(ProcessView.of(process))
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A user process's BPMN")
    public String get(@PathParam("id") String id) {
        return require(id).bpmn;
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Remove a user process from dmflow",
            description = "Refused (409) while an active task uses it")
    @Transactional
    public void delete(@PathParam("id") String id) {
        UserProcess process = require(id);
        long active = use.activeTasksRunningProcess(id);
        if (active > 0) {
            throw ProblemException.conflict(
                    "Process in use", "Process " + id + " is used by " + active + " active task(s)");
        }
        process.delete();
    }

    public static UserProcess require(String id) {
        UserProcess process = UserProcess.findById(id);
        if (process == null) {
            throw ProblemException.notFound("Unknown process", "There is no user process " + id);
        }
        return process;
    }
}
