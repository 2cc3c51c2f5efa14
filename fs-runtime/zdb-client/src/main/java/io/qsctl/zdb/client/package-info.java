/**
 * A pipelining client for 0-db: the real one on ThreeFold grid nodes (TCP, usually IPv6, port
 * 9900, or a unix socket) and ours.
 *
 * <ul>
 *   <li>{@link io.qsctl.zdb.client.ZdbClientConfig}: immutable settings (endpoint, timeouts,
 *       namespace and passwords, reconnect policy).</li>
 *   <li>{@link io.qsctl.zdb.client.ZdbConnection}: one connection with typed commands, a generic
 *       {@code command(...)} and {@link io.qsctl.zdb.client.Pipeline pipelines}; reconnects,
 *       logs in and re-selects its namespace by itself. For one thread at a time.</li>
 *   <li>{@link io.qsctl.zdb.client.ZdbPool}: a bounded, thread-safe pool of connections to one
 *       endpoint and namespace.</li>
 *   <li>{@link io.qsctl.zdb.client.ZdbException} and its four kinds: the server refused, the
 *       connection failed, it timed out, or the server broke the protocol.</li>
 * </ul>
 *
 * <p>Passwords never cross the network in clear unless the config explicitly allows it for a
 * server that lacks 0-db's SECURE challenge.
 */
package io.qsctl.zdb.client;
