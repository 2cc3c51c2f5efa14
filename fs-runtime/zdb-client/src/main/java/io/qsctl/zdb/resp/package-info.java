/**
 * RESP, the Redis wire protocol, in the cut-down form 0-db speaks; shared by our server and our
 * client.
 *
 * <ul>
 *   <li>{@link io.qsctl.zdb.resp.RespRequestParser} reads requests (arrays of bulk strings only)
 *       into a reusable {@link io.qsctl.zdb.resp.RespRequest} without copying or allocating;
 *       limits are checked on the length lines, before anything is buffered.</li>
 *   <li>{@link io.qsctl.zdb.resp.RespWriter} encodes replies and requests into a growable
 *       {@link io.qsctl.zdb.resp.ByteSink}.</li>
 *   <li>{@link io.qsctl.zdb.resp.RespReplyParser} reads replies into the closed set
 *       {@link io.qsctl.zdb.resp.Reply}.</li>
 * </ul>
 *
 * <p>Every violation is a {@link io.qsctl.zdb.resp.RespProtocolException}; nothing else escapes
 * the parsers, whatever the input (checked by a property test over 100,000 malformed inputs).
 * None of these classes is thread-safe: each belongs to one connection.
 */
package io.qsctl.zdb.resp;
