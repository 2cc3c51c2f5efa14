package io.qsctl.cli.zdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zdb.engine.EngineEvent;
import io.qsctl.zdb.engine.EventBus;
import io.qsctl.zdb.engine.ExternalHook;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerFailureWatchTest {

    private static final List<Optional<Path>> HOOKS = List.of(Optional.empty(), Optional.of(Path.of("/bin/true")),
            Optional.of(Path.of("/bin/false")));

    @Test
    void theCrashEventStopsTheProcess() {
        AtomicInteger failures = new AtomicInteger();
        EventBus events = new EventBus();
        events.addListener(new ServerFailureWatch(events, failures::incrementAndGet));
        events.publish(new EngineEvent.NamespaceCreated("x"));
        assertThat(failures).hasValue(0);
        events.publish(new EngineEvent.Crash());
        assertThat(failures).hasValue(1);
    }

    @Test
    void everyVerdictIsWhatTheHookAloneWouldMake() {
        for (Optional<Path> hook : HOOKS) {
            EventBus plain = bus(hook);
            EventBus watched = bus(hook);
            watched.addListener(new ServerFailureWatch(watched, () -> { }));
            EngineEvent ready = new EngineEvent.Ready();
            assertThat(startsServing(watched, ready)).as("ready with hook %s", hook).isEqualTo(startsServing(plain, ready));
            EngineEvent jump = new EngineEvent.JumpIndex("ns", "i0", "i1", "");
            assertThat(watched.publish(jump)).as("jump-index with hook %s", hook).isEqualTo(plain.publish(jump));
            EngineEvent.MissingData missing = new EngineEvent.MissingData("ns", "/nowhere/d0");
            assertThat(watched.restore(missing)).as("missing-data with hook %s", hook).isEqualTo(plain.restore(missing));
        }
    }

    /** The server's rule: a failed ready aborts start-up only when something handled it. */
    private static boolean startsServing(EventBus events, EngineEvent ready) {
        return events.publish(ready) || !events.hasHandlers();
    }

    private static EventBus bus(Optional<Path> hook) {
        EventBus events = new EventBus();
        events.setHook(hook.map(path -> new ExternalHook(path, "tcp://127.0.0.1:0", Clock.systemUTC())));
        return events;
    }
}
