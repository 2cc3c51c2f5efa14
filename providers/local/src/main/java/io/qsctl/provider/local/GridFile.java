package io.qsctl.provider.local;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code <home>/grid.json}: where a running daemon serves and how to talk to it. Written
 * atomically once the daemon serves, removed when it stops; a file left by a killed daemon is
 * recognised by its pid no longer running.
 *
 * @param token admin token: whoever can read the grid home (its owner) may administer the grid
 */
public record GridFile(long pid, int port, String token, String version, Instant started, long timeScale) {

    public static final String FILE_NAME = "grid.json";

    public GridFile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(started, "started");
    }

    public String url() {
        return "http://" + EmbeddedGrid.LOOPBACK + ":" + port;
    }

    /** Whether the process that wrote it still runs (a killed daemon nobody reaped yet does not). */
    public boolean processAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !DaemonProcess.ended(pid);
    }

    public static Path path(Path home) {
        return home.resolve(FILE_NAME);
    }

    /** The file of a home, if there is one and it can be read. */
    public static Optional<GridFile> read(Path home) {
        try {
            JsonNode json = WireJson.JSON.readTree(Files.readAllBytes(path(home)));
            return Optional.of(new GridFile(json.path("pid").asLong(), json.path("port").asInt(),
                    json.path("token").asString(""), json.path("version").asString("?"),
                    Instant.parse(json.path("started").asString()), json.path("time_scale").asLong(1)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(Path home) {
        ObjectNode json = WireJson.object();
        json.put("pid", pid);
        json.put("port", port);
        json.put("url", url());
        json.put("token", token);
        json.put("version", version);
        json.put("started", started.toString());
        json.put("time_scale", timeScale);
        try {
            // the daemon that holds the home writes it: what a killed one left is nobody's
            DurableFiles.removeLeftovers(home, FILE_NAME);
            // the token is in it: only the home's owner may read it
            DurableFiles.replace(path(home), WireJson.JSON.writeValueAsBytes(json), Access.OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(home), e);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "GridFile[pid=" + pid + ", port=" + port + ", version=" + version + ", started=" + started + ", timeScale="
                + timeScale + "]";
    }
}
