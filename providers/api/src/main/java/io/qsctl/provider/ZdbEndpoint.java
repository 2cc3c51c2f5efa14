package io.qsctl.provider;

import java.util.List;
import java.util.Objects;

/**
 * Where a deployed zdb namespace answers: the node's addresses (zos lists public IPv6, then
 * Yggdrasil, then Mycelium), the port, and the namespace name zos gave it.
 */
public record ZdbEndpoint(ContractId contract, String namespace, List<String> addresses, int port) {
    public ZdbEndpoint {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(namespace, "namespace");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("an endpoint has at least one address");
        }
    }

    /** {@code host:port}, brackets around IPv6. */
    public String hostAndPort() {
        String host = addresses.get(0);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
