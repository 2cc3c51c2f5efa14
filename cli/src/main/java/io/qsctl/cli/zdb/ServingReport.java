package io.qsctl.cli.zdb;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a started {@code qsctl zdb} serves: printed as one line for people, one JSON line for
 * scripts (and for the parent of a {@code --background} server, which reads it back).
 *
 * @param pid        the serving process
 * @param listen     TCP listen address, empty when only a unix socket is served
 * @param port       the bound TCP port (the real one when {@code --port 0} was asked), empty without TCP
 * @param socket     the unix socket, if any
 * @param instanceId what hooks receive as their second argument
 * @param data       the data root, as given
 * @param index      the index root, as given
 */
public record ServingReport(long pid, Optional<String> listen, OptionalInt port, Optional<String> socket,
                            String instanceId, String data, String index) {

    private static final JsonMapper JSON = JsonMapper.shared();

    public ServingReport {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(index, "index");
    }

    /** {@code tcp 127.0.0.1:9900 and unix /run/zdb.sock} */
    public String endpoints() {
        StringBuilder out = new StringBuilder();
        if (port.isPresent()) {
            String host = listen.orElse("");
            out.append("tcp ").append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port.getAsInt());
        }
        socket.ifPresent(path -> out.append(out.length() > 0 ? " and " : "").append("unix ").append(path));
        return out.toString();
    }

    /** The line on stderr: {@code zdb: serving on tcp 127.0.0.1:9900 (data ./zdb-data, index ./zdb-index)}. */
    public String textLine() {
        return "zdb: serving on " + endpoints() + " (data " + data + ", index " + index + ")";
    }

    /** One line of JSON, {@code "type": "serving"} and the time first, as every event qsctl prints. */
    public String jsonLine() {
        return JSON.writeValueAsString(event());
    }

    /** The serving event: {@code type}, {@code time}, then where it serves. */
    public ObjectNode event() {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "serving");
        line.put("time", Instant.now().toString());
        line.put("pid", pid);
        if (port.isPresent()) {
            line.put("listen", listen.orElse(""));
            line.put("port", port.getAsInt());
        } else {
            line.putNull("listen");
            line.putNull("port");
        }
        if (socket.isPresent()) {
            line.put("socket", socket.get());
        } else {
            line.putNull("socket");
        }
        line.put("instanceId", instanceId);
        line.put("data", data);
        line.put("index", index);
        return line;
    }

    /** Reads back what {@link #jsonLine()} wrote. */
    public static ServingReport parse(String jsonLine) {
        JsonNode line = JSON.readTree(jsonLine);
        JsonNode port = line.path("port");
        return new ServingReport(line.path("pid").asLong(),
                text(line, "listen"),
                port.isNumber() ? OptionalInt.of(port.asInt()) : OptionalInt.empty(),
                text(line, "socket"),
                line.path("instanceId").asString(), line.path("data").asString(), line.path("index").asString());
    }

    private static Optional<String> text(JsonNode line, String field) {
        JsonNode value = line.path(field);
        return value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }
}
