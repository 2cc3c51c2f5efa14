package io.qsctl.zdb.client;

/**
 * One command ready to send, with the way to read its reply. The same calls back the
 * synchronous methods of {@link ZdbConnection} and the pipelined ones of {@link Pipeline}, so the
 * two cannot drift apart.
 *
 * @param name command name, for messages
 * @param args the request, command name first
 * @param readOnly whether sending it twice is harmless (only those are retried after a reconnect)
 * @param mapper turns the reply into the typed result
 */
record Call<T>(String name, byte[][] args, boolean readOnly, ReplyMapper<T> mapper) {

    /** Reads a reply; throws {@link ZdbServerException} for error replies the command does not expect. */
    @FunctionalInterface
    interface ReplyMapper<T> {
        T map(io.qsctl.zdb.resp.Reply reply, Where where);
    }

    /** Which command on which server, for messages; built only when one is needed. */
    record Where(ZdbEndpoint endpoint, String command) {
        @Override
        public String toString() {
            return "zdb " + endpoint + " " + command;
        }
    }
}
