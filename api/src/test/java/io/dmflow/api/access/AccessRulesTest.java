package io.dmflow.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role each kind of request needs, as README's Access section states it. */
class AccessRulesTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET,     /api/devices,                                viewer",
        "GET,     /api/devices/dev-1/credentials,              viewer",
        "HEAD,    /api/resources/fw-1/data,                    viewer",
        "GET,     /api/users,                                  admin",
        "GET,     /api/users/admin,                            admin",
        "POST,    /api/users,                                  admin",
        "PUT,     /api/users/ops-1,                            viewer",
        "DELETE,  /api/users/ops-1,                            admin",
        "GET,     /api/tokens,                                 viewer",
        "POST,    /api/tokens,                                 viewer",
        "DELETE,  /api/tokens/t-1,                             viewer",
        "GET,     /api/whoami,                                 viewer",
        "POST,    /api/tasks,                                  operator",
        "DELETE,  /api/tasks/t-1,                              operator",
        "POST,    /api/tasks/t-1/runs,                         operator",
        "POST,    /api/devices/dev-1/operations/read,          operator",
        "PUT,     /api/devices/dev-1/properties/site,          operator",
        "DELETE,  /api/devices/dev-1/properties/site,          operator",
        "PUT,     /api/groups/root.eu/properties/site,         operator",
        "PUT,     /api/groups/root.eu,                         admin",
        "PUT,     /api/groups/root.eu/members/dev-1,           admin",
        "PUT,     /api/devices/dev-1/credentials/management,   admin",
        "PUT,     /api/devices/dev-1/bootstrap,                admin",
        "POST,    /api/devices/dev-1/bootstrap/trigger,        admin",
        "PUT,     /api/templates/t,                            admin",
        "PUT,     /api/processes/p,                            admin",
        "PUT,     /api/resources/fw-1/data,                    admin",
        "PUT,     /api/servers/dm,                             admin",
        "DELETE,  /api/devices/dev-1,                          admin",
        "GET,     /v2/topology,                                viewer",
        "POST,    /v2/process-instances/search,                viewer",
        "POST,    /v2/process-definitions/7/statistics/element-instances, viewer",
        "GET,     /v2/process-definitions/7/xml,               viewer",
        "POST,    /v2/incidents/9/resolution,                  operator",
        "PATCH,   /v2/jobs/9,                                  operator",
        "PUT,     /v2/element-instances/9/variables,           operator",
        "POST,    /v2/process-instances/9/cancellation,        operator",
        "POST,    /v2/process-instances,                       admin",
        "POST,    /v2/jobs/activation,                         admin",
        "POST,    /v2/jobs/9/completion,                       admin",
        "POST,    /v2/deployments,                             admin",
        "POST,    /v2/messages/publication,                    admin",
        "PUT,     /v2/clock,                                   admin",
        "POST,    //api//devices/dev-1/operations/read,        operator",
        "GET,     /q/metrics,                                  viewer",
    })
    void eachRequestNeedsItsRole(String method, String path, String role) {
        assertThat(AccessRules.required(method, path).id()).isEqualTo(role);
    }
}
