package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Commands queued to go to the server together: {@link #sync()} writes them all and reads the
 * replies in order, in one round trip rather than one per command. Each queued command gives a
 * {@link Pending} for its typed result; {@code sync()} also returns the raw replies.
 *
 * <pre>{@code
 * Pipeline p = connection.pipeline();
 * Pending<Optional<byte[]>> stored = p.set(key, value);
 * Pending<Optional<byte[]>> read = p.get(other);
 * List<Reply> replies = p.sync();
 * }</pre>
 *
 * <p>The arrays given are sent as they are, not copied: leave them unchanged until {@code sync()}
 * returns. A pipeline is never retried after a connection failure, since some of its writes may
 * have been applied. Not thread-safe, like its connection.
 */
public final class Pipeline {

    private final ZdbConnection connection;
    private final List<Call<?>> calls = new ArrayList<>();
    private final List<Pending<?>> pendings = new ArrayList<>();

    Pipeline(ZdbConnection connection) {
        this.connection = connection;
    }

    /** Commands queued and not yet sent. */
    public int size() {
        return calls.size();
    }

    public Pending<Optional<byte[]>> set(byte[] key, byte[] value) {
        return add(Calls.set(key, value));
    }

    /** SET with an empty key (seq mode); the pending result is the generated key. */
    public Pending<Optional<byte[]>> insert(byte[] value) {
        return add(Calls.set(new byte[0], value));
    }

    public Pending<Optional<byte[]>> get(byte[] key) {
        return add(Calls.get(key));
    }

    public Pending<List<Optional<byte[]>>> mget(byte[]... keys) {
        return add(Calls.mget(keys));
    }

    public Pending<Boolean> del(byte[] key) {
        return add(Calls.del(key));
    }

    public Pending<Boolean> exists(byte[] key) {
        return add(Calls.exists(key));
    }

    public Pending<CheckResult> check(byte[] key) {
        return add(Calls.check(key));
    }

    public Pending<OptionalLong> length(byte[] key) {
        return add(Calls.length(key));
    }

    public Pending<OptionalLong> keytime(byte[] key) {
        return add(Calls.keytime(key));
    }

    public Pending<String> ping() {
        return add(Calls.ping());
    }

    /** Any command but SELECT and AUTH; the pending result is the reply, errors throw from {@link Pending#get()}. */
    public Pending<Reply> command(byte[]... args) {
        return add(Calls.raw(args));
    }

    public Pending<Reply> command(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return command(bytes);
    }

    /**
     * Sends every queued command and reads every reply; the pipeline is empty again afterwards and
     * can be reused.
     *
     * @return one reply per command, in order; error replies are in the list as {@link Reply.Error}
     *     (their {@link Pending} throws {@link ZdbServerException})
     * @throws ZdbConnectionException, ZdbTimeoutException or ZdbProtocolException if the
     *     connection failed; the pendings stay unresolved and the pipeline keeps its commands
     */
    public List<Reply> sync() {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<byte[][]> requests = new ArrayList<>(calls.size());
        for (Call<?> call : calls) {
            requests.add(call.args());
        }
        List<Reply> replies = connection.sendAll(requests);
        for (int i = 0; i < replies.size(); i++) {
            resolve(calls.get(i), pendings.get(i), replies.get(i));
        }
        calls.clear();
        pendings.clear();
        return replies;
    }

    private <T> Pending<T> add(Call<T> call) {
        Pending<T> pending = new Pending<>();
        calls.add(call);
        pendings.add(pending);
        return pending;
    }

    @SuppressWarnings("unchecked")
    private <T> void resolve(Call<T> call, Pending<?> pending, Reply reply) {
        Pending<T> typed = (Pending<T>) pending;
        try {
            typed.complete(call.mapper().map(reply, new Call.Where(connection.config().endpoint(), call.name())));
        } catch (ZdbException e) {
            typed.fail(e);
        }
    }
}
