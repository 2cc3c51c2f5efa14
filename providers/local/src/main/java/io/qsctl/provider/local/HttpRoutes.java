package io.qsctl.provider.local;

import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A small router: method and path pattern ({@code /nodes/{id}/status}) to a handler. */
final class HttpRoutes {

    /** What a handler sees of a request. */
    record Request(String method, List<String> path, Map<String, String> pathParams, Map<String, String> query,
                   JsonNode body, InetSocketAddress remote, Optional<String> token) {

        long pathLong(String name) {
            String value = pathParams.get(name);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new GridException(Kind.INVALID, "'" + value + "' is not a number");
            }
        }
    }

    /** What a handler answers: a status, a JSON body, extra headers, and what to do once it is sent. */
    record Reply(int status, JsonNode body, Map<String, String> headers, Runnable afterSent) {
        Reply(int status, JsonNode body, Map<String, String> headers) {
            this(status, body, headers, () -> { });
        }

        static Reply ok(JsonNode body) {
            return new Reply(200, body, Map.of());
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    /** Who may call a route: anyone on the machine, or only who holds the grid's admin token. */
    enum Access { PUBLIC, ADMIN }

    private record Route(String method, List<String> pattern, Access access, Handler handler) {
    }

    /** A route matched to a request path. */
    record Match(Access access, Handler handler, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    HttpRoutes get(String pattern, Handler handler) {
        return add("GET", pattern, Access.PUBLIC, handler);
    }

    HttpRoutes post(String pattern, Handler handler) {
        return add("POST", pattern, Access.PUBLIC, handler);
    }

    HttpRoutes admin(String pattern, Handler handler) {
        return add("POST", pattern, Access.ADMIN, handler);
    }

    private HttpRoutes add(String method, String pattern, Access access, Handler handler) {
        routes.add(new Route(method, segments(pattern), access, handler));
        return this;
    }

    /** The route for a request, or why there is none (404 for an unknown path, 405 for a wrong method). */
    Optional<Match> match(String method, List<String> path) {
        for (Route route : routes) {
            Optional<Map<String, String>> params = bind(route.pattern(), path);
            if (params.isPresent() && route.method().equals(method)) {
                return Optional.of(new Match(route.access(), route.handler(), params.get()));
            }
        }
        return Optional.empty();
    }

    boolean pathExists(List<String> path) {
        return routes.stream().anyMatch(r -> bind(r.pattern(), path).isPresent());
    }

    private static Optional<Map<String, String>> bind(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.merge(key, value, (a, b) -> a + "," + b);
        }
        return out;
    }
}
