package io.qsctl.provider.local;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code <home>/world.json}: the whole world, rewritten atomically after every change. */
final class WorldStore {

    static final String FILE_NAME = "world.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;

    WorldStore(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    Optional<World.State> load() {
        try {
            // the grid of a home is opened once at a time: what a killed one left is nobody's
            DurableFiles.removeLeftovers(file.getParent(), FILE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + file.getParent(), e);
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            World.State state = JSON.readValue(Files.readAllBytes(file), World.State.class);
            if (state.version() != World.State.VERSION) {
                throw new IllegalStateException(file + " is version " + state.version() + ", this qsctl reads version "
                        + World.State.VERSION + "; remove the grid home to start a new grid");
            }
            return Optional.of(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void save(World.State state) {
        try {
            DurableFiles.replace(file, JSON.writeValueAsBytes(state), Access.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
