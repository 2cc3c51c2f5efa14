package io.qsctl.cli.status;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * When each condition of a cluster last changed status, kept in the cluster's state directory
 * ({@value #FILE}) so that {@code since} means what Kubernetes' {@code lastTransitionTime} means:
 * the time a {@code qsctl status} on this machine first saw the condition in its current status.
 * The file holds types, statuses, reasons and times only: no message, nothing about nodes.
 *
 * <p>It is written only for an applied cluster whose directory exists (never creating one), by
 * write-and-rename, so a reader never sees half of it; two status runs at once may each write,
 * and the later one wins, which changes no transition time both saw.
 */
public final class ConditionLog {

    public static final String FILE = "conditions.json";

    private final Path file;

    public ConditionLog(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /**
     * The conditions with their {@code since}: the recorded time when the status is the one
     * recorded, else {@code now}.
     */
    public List<Condition> stamp(List<Condition> conditions, Instant now) {
        Map<String, Recorded> before = read();
        List<Condition> out = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            Recorded r = before.get(c.type());
            out.add(c.since(r != null && r.status() == c.status() ? r.since() : now));
        }
        return out;
    }

    /**
     * Forgets every recorded transition, for a destroyed cluster: a cluster created again under the
     * same name starts its own history.
     */
    public void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    /** Records the stamped conditions, replacing the file. */
    public void save(List<Condition> stamped) {
        ObjectNode doc = JsonMapper.shared().createObjectNode();
        ObjectNode all = doc.putObject("conditions");
        for (Condition c : stamped) {
            all.putObject(c.type()).put("status", c.status().id()).put("reason", c.reason())
                    .put("since", c.since().orElseThrow().toString());
        }
        try {
            DurableFiles.replace(file, JsonMapper.shared().writeValueAsString(doc).getBytes(StandardCharsets.UTF_8),
                    Access.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Recorded(Condition.Status status, Instant since) {
    }

    /** What was recorded; nothing when there is no file or it cannot be read as one of ours. */
    private Map<String, Recorded> read() {
        Map<String, Recorded> out = new HashMap<>();
        JsonNode doc;
        try {
            doc = JsonMapper.shared().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            // a torn or foreign file: the times start again from now, as on a new machine
            return out;
        }
        JsonNode all = doc.path("conditions");
        for (Map.Entry<String, JsonNode> e : all.properties()) {
            Optional<Recorded> r = recorded(e.getValue());
            r.ifPresent(value -> out.put(e.getKey(), value));
        }
        return out;
    }

    private static Optional<Recorded> recorded(JsonNode node) {
        try {
            return Optional.of(new Recorded(Condition.Status.fromId(node.path("status").asString("")),
                    Instant.parse(node.path("since").asString(""))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
