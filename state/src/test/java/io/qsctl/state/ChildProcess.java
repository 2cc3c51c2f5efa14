package io.qsctl.state;

import io.qsctl.common.QsctlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A second JVM for the tests that need one: it holds or tries a state lock, or writes state or
 * journal entries as fast as it can until it is killed. It reports on stdout, one line per fact.
 */
public final class ChildProcess {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> hold(dir);
            case "try" -> tryLock(dir);
            case "state-writer" -> writeState(dir, HexFormat.of().parseHex(args[2]));
            case "journal-writer" -> writeJournal(dir);
            case "state-halt" -> haltInWrite(dir, HexFormat.of().parseHex(args[2]), StateStore.WritePoint.valueOf(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Takes the lock, says so, and releases it when told to on stdin. */
    private static void hold(Path dir) throws IOException {
        StateLock lock = StateLock.acquire(dir, "apply", "test", Duration.ZERO);
        System.out.println("locked " + lock.info().id() + " " + lock.info().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("release")) {
                lock.close();
                System.out.println("released");
                System.out.flush();
            }
        }
    }

    /** Tries the lock once; exits with the error's exit code and prints its message. */
    private static void tryLock(Path dir) {
        try (StateLock lock = StateLock.acquire(dir, "plan", "test", Duration.ZERO)) {
            System.out.println("locked " + lock.info().id());
        } catch (QsctlException e) {
            System.out.println(e.getMessage());
            System.out.flush();
            System.exit(e.exitCode().code());
        }
    }

    /**
     * Loads what a writer needs (JSON, AES-GCM) and waits for "go" on stdin, so a test can start
     * the next child while the current one runs and pay the JVM's start-up only once.
     */
    private static void warmUpAndWait() throws IOException {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        StateFile.encode(new StateSnapshot(1, 1, UUID.randomUUID(), "warm-up", Instant.now(), body), new byte[32]);
        JournalEntry.pending(Instant.now(), UUID.randomUUID(), "warm-up", 0, body).toLine();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("go")) {
            // Wait for the word.
        }
        if (line == null) {
            System.exit(0); // The test ended without needing this child.
        }
    }

    /** Writes versions whose body says their own serial, with bodies of varying size; acks each. */
    private static void writeState(Path dir, byte[] key) throws IOException {
        warmUpAndWait();
        StateStore store = new StateStore(dir, key, "test");
        Random random = new Random();
        StateSnapshot current = store.read().orElse(null);
        while (true) {
            long serial = current == null ? 1 : current.serial() + 1;
            ObjectNode body = JsonMapper.shared().createObjectNode();
            body.put("n", serial);
            body.put("pad", "x".repeat(random.nextInt(200_000)));
            current = store.write(current, body);
            System.out.println("ack " + current.serial());
            System.out.flush();
        }
    }

    /**
     * Writes the next version but stops the JVM dead (no finally blocks, no shutdown hooks: what
     * a SIGKILL leaves) at {@code point}; exits 77 there, 0 if the write never reached it.
     */
    private static void haltInWrite(Path dir, byte[] key, StateStore.WritePoint point) {
        StateStore store = new StateStore(dir, key, "test", Clock.systemUTC(), reached -> {
            if (reached == point) {
                Runtime.getRuntime().halt(77);
            }
        });
        StateSnapshot current = store.read().orElse(null);
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("n", current == null ? 1 : current.serial() + 1);
        store.write(current, body);
        System.exit(0);
    }

    /** Appends entries numbered from the number already there, some of them large; acks each. */
    private static void writeJournal(Path dir) throws IOException {
        warmUpAndWait();
        Random random = new Random();
        UUID lineage = new UUID(1, 2);
        try (Journal journal = Journal.open(dir)) {
            int next = journal.recovered().entries().size();
            while (true) {
                ObjectNode details = JsonMapper.shared().createObjectNode();
                details.put("pad", "y".repeat(random.nextInt(8) == 0 ? random.nextInt(300_000) : random.nextInt(200)));
                journal.append(JournalEntry.pending(Instant.now(), lineage, "p", next, details));
                System.out.println("ack " + next);
                System.out.flush();
                next++;
            }
        }
    }

    /** The parent's side: a started child and the lines it printed so far. */
    static final class Handle implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private Handle(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // The child died; what it printed is in lines.
                }
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Handle start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                    System.getProperty("java.class.path"), ChildProcess.class.getName()));
            command.addAll(List.of(args));
            return new Handle(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /**
         * SIGKILL, then every line the child printed before it died. Through the process handle:
         * {@code Process.destroyForcibly()} also closes our end of its stdout, losing lines still
         * in the pipe.
         */
        List<String> kill() throws InterruptedException {
            process.toHandle().destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
            return List.copyOf(lines);
        }

        Optional<String> lineStartingWith(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                try {
                    kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
