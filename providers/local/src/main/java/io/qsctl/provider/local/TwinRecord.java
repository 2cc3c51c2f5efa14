package io.qsctl.provider.local;

import java.util.Objects;

/** An account: its ed25519 public key (hex) and its free balance in 10^-7 TFT. */
record TwinRecord(long id, String publicKey, long balance) {

    TwinRecord {
        Objects.requireNonNull(publicKey, "publicKey");
    }

    TwinRecord withBalance(long newBalance) {
        return new TwinRecord(id, publicKey, newBalance);
    }
}
