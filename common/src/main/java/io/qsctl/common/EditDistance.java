package io.qsctl.common;

/**
 * Optimal string alignment distance (Levenshtein plus swaps of neighbours), for suggesting what a
 * user meant: a key of the spec, a word of the mnemonic. Typos are mostly one wrong, missing,
 * extra or swapped letter, and each of those costs 1.
 */
public final class EditDistance {

    private EditDistance() {
    }

    public static int between(String a, String b) {
        return between(a, b, Integer.MAX_VALUE);
    }

    /**
     * The distance, or {@code bound} when it is {@code bound} or more; strings whose lengths alone
     * differ by {@code bound} are not compared at all, which keeps a search over a long list fast.
     */
    public static int between(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) >= bound) {
            return bound;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, d[i - 2][j - 2] + 1);
                }
                d[i][j] = value;
            }
        }
        return Math.min(d[a.length()][b.length()], bound);
    }
}
