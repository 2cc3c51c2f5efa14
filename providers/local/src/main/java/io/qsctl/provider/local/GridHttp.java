package io.qsctl.provider.local;

import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * HTTP to a grid daemon, with timeouts, and its errors turned back into {@link GridException}s: the
 * body's {@code kind} when the daemon answered, {@code UNAVAILABLE} when it did not.
 *
 * <p>Every request is logged at debug (method, path, status, milliseconds) and, at trace, with its
 * query and the sizes of what went and came back. Never a body or a header: deployments carry
 * namespace passwords and signatures, admin calls the grid's token.
 */
final class GridHttp implements AutoCloseable {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Logger LOG = LoggerFactory.getLogger(GridHttp.class);

    private final OkHttpClient client;
    private final HttpUrl base;
    private final Optional<String> token;
    private final String where;

    /** A response: its body and headers. */
    record Answer(JsonNode body, Map<String, String> headers) {
    }

    GridHttp(String baseUrl, Optional<String> token, Duration callTimeout, String where) {
        this.base = HttpUrl.get(baseUrl);
        this.token = token;
        this.where = where;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .callTimeout(callTimeout.plusSeconds(5))
                .retryOnConnectionFailure(true)
                .build();
    }

    String baseUrl() {
        return base.toString();
    }

    JsonNode get(String path) {
        return get(path, Map.of()).body();
    }

    Answer get(String path, Map<String, String> query) {
        HttpUrl.Builder url = url(path);
        query.forEach(url::addQueryParameter);
        return call(new Request.Builder().url(url.build()).get());
    }

    JsonNode post(String path, JsonNode body) {
        RequestBody content = RequestBody.create(WireJson.JSON.writeValueAsBytes(body), JSON_TYPE);
        return call(new Request.Builder().url(url(path).build()).post(content)).body();
    }

    private HttpUrl.Builder url(String path) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : HttpRoutes.segments(path)) {
            url.addPathSegment(segment);
        }
        return url;
    }

    private Answer call(Request.Builder request) {
        token.ifPresent(t -> request.header(GridHttpServer.TOKEN_HEADER, t));
        Request built = request.build();
        long started = System.nanoTime();
        try (Response response = client.newCall(built).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            logged(built, started, Integer.toString(response.code()), bytes.length);
            JsonNode json = bytes.length == 0 ? WireJson.object() : WireJson.JSON.readTree(bytes);
            if (!response.isSuccessful()) {
                throw error(response.code(), json);
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String name : response.headers().names()) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), response.header(name));
            }
            return new Answer(json, headers);
        } catch (IOException e) {
            logged(built, started, "failed (" + e.getClass().getSimpleName() + ")", -1);
            throw failure(built, e);
        } catch (JacksonException e) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid at " + base + " answered something that is not JSON",
                    e);
        }
    }

    private GridException failure(Request built, IOException e) {
        if (e instanceof ConnectException) {
            return new GridException(Kind.UNAVAILABLE, "the embedded grid does not answer at " + base + " (" + where
                    + "); start it with 'qsctl grid up'", e);
        }
        if (e instanceof InterruptedIOException) {
            return new GridException(Kind.UNAVAILABLE, "the embedded grid at " + base + " did not answer "
                    + built.method() + " " + built.url().encodedPath() + " in time", e);
        }
        return new GridException(Kind.UNAVAILABLE, "the embedded grid at " + base + " failed: " + e.getMessage(), e);
    }

    /** One line per request: what, how it ended, how long it took. */
    private static void logged(Request request, long started, String outcome, long received) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (LOG.isTraceEnabled()) {
            long sent = request.body() == null ? 0 : contentLength(request.body());
            String query = request.url().encodedQuery();
            LOG.trace("grid {} {}{} -> {} in {} ms ({} bytes sent, {} received)", request.method(),
                    request.url().encodedPath(), query == null ? "" : "?" + query, outcome, millis, sent,
                    received < 0 ? "none" : received);
        } else {
            LOG.debug("grid {} {} -> {} in {} ms", request.method(), request.url().encodedPath(), outcome, millis);
        }
    }

    private static long contentLength(RequestBody body) {
        try {
            return body.contentLength();
        } catch (IOException e) {
            return -1;
        }
    }

    private static GridException error(int status, JsonNode body) {
        String message = body.path("error").asString("HTTP " + status);
        Kind kind;
        try {
            kind = Kind.valueOf(body.path("kind").asString(""));
        } catch (IllegalArgumentException e) {
            kind = status >= 500 ? Kind.UNAVAILABLE : Kind.INVALID;
        }
        return new GridException(kind, message);
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
