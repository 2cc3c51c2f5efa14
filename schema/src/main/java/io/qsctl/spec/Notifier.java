package io.qsctl.spec;

import java.net.URI;
import java.util.Objects;

/** Where alerts go. */
public sealed interface Notifier {

    /** An HTTP endpoint that receives one JSON POST per alert. */
    record Webhook(URI url) implements Notifier {
        public Webhook {
            Objects.requireNonNull(url, "url");
        }
    }
}
