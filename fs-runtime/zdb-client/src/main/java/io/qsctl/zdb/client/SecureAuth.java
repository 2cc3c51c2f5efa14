package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves passwords to 0-db without sending them. {@code AUTH SECURE CHALLENGE} returns a one-time
 * nonce; the client answers with the lower-case hex SHA-1 of {@code "<nonce>:<password>"}, either
 * as {@code AUTH SECURE <hash>} (admin) or {@code SELECT <ns> SECURE <hash>} (namespace)
 * (threefoldtech/0-db: zdbd/commands_auth.c, zdbd/auth.c, zdbd/commands_namespace.c).
 *
 * <p>A server that does not know the challenge gets the password in clear only if the config
 * allows it; otherwise the login fails, saying why. A wrong password is never retried in clear:
 * the SECURE form reached the server, so clear text would not fare better.
 */
final class SecureAuth {

    private static final Logger log = LoggerFactory.getLogger(SecureAuth.class);

    /** What AUTH answers on a server started without {@code --admin}. */
    static final String AUTHENTICATION_DISABLED = "Authentication disabled";

    private SecureAuth() {}

    /** The hash 0-db expects for {@code password} under {@code challenge}. */
    static String hash(String challenge, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((challenge + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** Logs in as admin. */
    static void auth(ZdbWire wire, ZdbClientConfig config, String password) {
        Duration timeout = config.commandTimeout();
        Call.Where where = new Call.Where(config.endpoint(), "AUTH");
        String challenge = challenge(wire, config);
        Reply reply;
        if (challenge != null) {
            reply = wire.exchange(Calls.args("AUTH", Calls.utf8("SECURE"), Calls.utf8(hash(challenge, password))), timeout);
        } else {
            reply = wire.exchange(Calls.args("AUTH", Calls.utf8(password)), timeout);
        }
        if (Replies.isError(reply, AUTHENTICATION_DISABLED)) {
            // a server without --admin makes every client admin; nothing to prove, nothing leaked
            log.warn("zdb {} has no admin password; the configured one was not needed", config.endpoint());
            return;
        }
        Replies.ok(reply, where);
    }

    /** Selects {@code namespace}, proving {@code password} if there is one. */
    static void select(ZdbWire wire, ZdbClientConfig config, String namespace, String password) {
        Duration timeout = config.commandTimeout();
        Call.Where where = new Call.Where(config.endpoint(), "SELECT " + namespace);
        byte[] name = Calls.utf8(namespace);
        Reply reply;
        if (password == null) {
            reply = wire.exchange(Calls.args("SELECT", name), timeout);
        } else {
            String challenge = challenge(wire, config);
            if (challenge != null) {
                reply = wire.exchange(Calls.args("SELECT", name, Calls.utf8("SECURE"),
                        Calls.utf8(hash(challenge, password))), timeout);
            } else {
                reply = wire.exchange(Calls.args("SELECT", name, Calls.utf8(password)), timeout);
            }
        }
        Replies.ok(reply, where);
    }

    /**
     * Asks for a nonce. Returns null if the server has no challenge and clear text is allowed;
     * throws if it has none and clear text is not allowed.
     */
    private static String challenge(ZdbWire wire, ZdbClientConfig config) {
        Reply reply = wire.exchange(Calls.args("AUTH", Calls.utf8("SECURE"), Calls.utf8("CHALLENGE")),
                config.commandTimeout());
        if (reply instanceof Reply.SimpleString nonce && !nonce.value().isEmpty()) {
            return nonce.value();
        }
        if (config.plaintextPasswordAllowed()) {
            return null;
        }
        String said = reply instanceof Reply.Error error ? error.message() : String.valueOf(reply);
        throw new ZdbServerException("zdb " + config.endpoint() + " does not offer the SECURE password challenge (it said: "
                + said + "). The password was not sent. Allow plain-text passwords in the client config only if you trust"
                + " this server and the network.", said);
    }
}
