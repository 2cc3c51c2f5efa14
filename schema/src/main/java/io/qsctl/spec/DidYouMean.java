package io.qsctl.spec;

import io.qsctl.common.EditDistance;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the word a user probably meant, by edit distance, the way git and kubectl do. */
final class DidYouMean {

    private DidYouMean() {
    }

    /** The closest candidate within a distance that still reads as a typo, if any. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = EditDistance.between(lowerTyped, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int tolerated = Math.max(1, Math.min(3, best.length() / 3));
        return bestDistance <= tolerated ? Optional.of(best) : Optional.empty();
    }
}
