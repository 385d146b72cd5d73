package io.dmflow.api.access;

import java.util.Set;

/**
 * Which role a request needs, by method and path, in one table so that it can be read and tested as a whole:
 * <ul>
 * <li>{@code /v2/**} (the engine): reads and searches (GET, {@code POST …/search}, {@code POST …/statistics/…}):
 * viewer; the repairs an operator makes from the console (resolve an incident, a job's retries, a scope's
 * variables, cancel an instance): operator; everything else (deploy, start, activate and complete jobs, publish
 * messages, the clock): admin;</li>
 * <li>{@code /api/users/**}: admin, reading too, except {@code PUT /api/users/{name}}, where any signed-in user
 * changes their own password;</li>
 * <li>{@code /api/tokens/**}: any signed-in user, who sees and revokes only their own tokens unless admin;</li>
 * <li>{@code /api/whoami}: any signed-in user, to learn their own name and role;</li>
 * <li>any other {@code /api} read (GET, HEAD, OPTIONS): viewer;</li>
 * <li>changes to tasks ({@code /api/tasks/**}), device operations ({@code /api/devices/{e}/operations/**}), device
 * properties ({@code /api/devices/{e}/properties/**}) and group properties
 * ({@code /api/groups/{path}/properties/**}): operator;</li>
 * <li>every other change (servers, credentials, bootstrap, templates, processes, resources, groups): admin;</li>
 * <li>{@code /q/metrics}: viewer, so that a Prometheus scraper needs no more than a read-only token.</li>
 * </ul>
 */
public final class AccessRules {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private AccessRules() {}

    /** @param path the normalised request path, e.g. {@code /api/devices/dev-1/properties/site} */
    public static Role required(String method, String path) {
        String[] segments = path.replaceAll("^/+", "").split("/+");
        String area = segments[0];
        String collection = segments.length > 1 ? segments[1] : "";
        if (area.equals("v2")) {
            return engine(method, segments);
        }
        if (area.equals("q") && collection.equals("metrics")) {
            return Role.VIEWER;
        }
        if (!area.equals("api")) {
            return Role.ADMIN;
        }
        if (collection.equals("users")) {
            return method.equals("PUT") && segments.length == 3 ? Role.VIEWER : Role.ADMIN;
        }
        if (collection.equals("tokens") || collection.equals("whoami") || READS.contains(method)) {
            return Role.VIEWER;
        }
        String part = segments.length > 3 ? segments[3] : "";
        boolean operated = switch (collection) {
            case "tasks" -> true;
            case "devices" -> part.equals("operations") || part.equals("properties");
            case "groups" -> part.equals("properties");
            default -> false;
        };
        return operated ? Role.OPERATOR : Role.ADMIN;
    }

    private static Role engine(String method, String[] segments) {
        String collection = segments.length > 1 ? segments[1] : "";
        String last = segments[segments.length - 1];
        boolean search = method.equals("POST")
                && (last.equals("search")
                        || (segments.length > 3 && segments[segments.length - 2].equals("statistics")));
        if (READS.contains(method) || search) {
            return Role.VIEWER;
        }
        boolean repair = segments.length == 4
                        && switch (collection) {
                            case "incidents" -> method.equals("POST") && last.equals("resolution");
                            case "process-instances" -> method.equals("POST") && last.equals("cancellation");
                            case "element-instances" -> method.equals("PUT") && last.equals("variables");
                            default -> false;
                        }
                || segments.length == 3 && collection.equals("jobs") && method.equals("PATCH");
        return repair ? Role.OPERATOR : Role.ADMIN;
    }
}
