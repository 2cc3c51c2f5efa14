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
import tools.jackson.databind.JsonNode;

/**
 * HTTP to a grid daemon, with timeouts, and its errors turned back into {@link GridException}s: the
 * body's {@code kind} when the daemon answered, {@code UNAVAILABLE} when it did not.
 */
final class GridHttp implements AutoCloseable {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");

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
        token.ifPresent(t -> request.header(GridApi.TOKEN_HEADER, t));
        Request built = request.build();
        try (Response response = client.newCall(built).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            JsonNode json = bytes.length == 0 ? WireJson.object() : WireJson.JSON.readTree(bytes);
            if (!response.isSuccessful()) {
                throw error(response.code(), json);
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String name : response.headers().names()) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), response.header(name));
            }
            return new Answer(json, headers);
        } catch (ConnectException e) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid does not answer at " + base + " (" + where
                    + "); start it with 'qsctl grid up'", e);
        } catch (InterruptedIOException e) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid at " + base + " did not answer "
                    + built.method() + " " + built.url().encodedPath() + " in time", e);
        } catch (IOException e) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid at " + base + " failed: " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new GridException(Kind.UNAVAILABLE, "the embedded grid at " + base + " answered something that is not JSON",
                    e);
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
