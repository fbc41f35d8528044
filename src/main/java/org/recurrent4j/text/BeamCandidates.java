package org.recurrent4j.text;

/**
 * The best candidates of one beam-search step, best first, at most {@code capacity} of them: each a total
 * log-probability, the rank (in the previous step's beam) of the text it extends, and the character index that
 * extends it ({@link #KEPT} for a finished text carried over unchanged). A candidate enters only if it is strictly
 * better than the worst kept, and moves ahead only of strictly worse ones, so among equal totals the one offered
 * first stays ahead. Allocated once per search; offering allocates nothing.
 */
final class BeamCandidates {
    /** The character of a finished text kept as it was. */
    static final int KEPT = -1;

    final double[] score;
    final int[] from;
    final int[] character;
    private int count;

    BeamCandidates(int capacity) {
        score = new double[capacity];
        from = new int[capacity];
        character = new int[capacity];
    }

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    /** Whether a candidate with this total would be kept; false for NaN once the list is full. */
    boolean admits(double total) {
        return count < score.length || total > score[count - 1];
    }

    /** Keeps the candidate if {@link #admits} says so, dropping the worst when full. */
    void offer(double total, int fromRank, int ch) {
        if (!admits(total)) return;
        int i = count < score.length ? count++ : count - 1;
        while (i > 0 && score[i - 1] < total) {
            score[i] = score[i - 1];
            from[i] = from[i - 1];
            character[i] = character[i - 1];
            i--;
        }
        score[i] = total;
        from[i] = fromRank;
        character[i] = ch;
    }
}
