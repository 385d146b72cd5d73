package io.dmflow.api.access;

import io.dmflow.api.problem.RoutedProblems;
import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** A signed-in caller without the role a path needs gets 403 as a problem detail naming the role. */
@ApplicationScoped
public class AccessDenials {

    @Inject
    RoutedProblems problems;

    void install(@Observes Router router) {
        router.route().failureHandler(request -> {
            if (request.failure() instanceof ForbiddenException
                    && !request.response().ended()) {
                Role required = AccessRules.required(request.request().method().name(), request.normalizedPath());
                problems.send(
                        request,
                        403,
                        "Forbidden",
                        request.request().method().name() + " " + request.normalizedPath() + " needs the role "
                                + required.id() + " or higher");
            } else {
                request.next();
            }
        });
    }
}
