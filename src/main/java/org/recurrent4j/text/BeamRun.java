package org.recurrent4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

/**
 * One beam search (see {@link BeamSearch}): the ranked beam, the candidates of a step, the history of every
 * extension kept, and the batched graph and state whose columns hold the unfinished texts. Every buffer is
 * allocated here, so the steps allocate nothing of their own (the history grows by doubling).
 */
final class BeamRun {
    /** The most extensions one search records: within what one array holds. */
    static final long MAX_HISTORY = Integer.MAX_VALUE - 8;

    private static final byte ACTIVE = 0;
    private static final byte ENDED = 1;
    private static final byte AT_LIMIT = 2;

    private final CharModel model;
    private final int width;
    private final int vocab;
    /** Whether index {@link Vocabulary#END} ends a text; without START/END it is a character like the others. */
    private final boolean endIndex;
    private final int maxLength;
    private final Graph graph = new Graph(false);
    private final CarriedState columns;
    private final BeamCandidates candidates;
    /** The beam after the last step, best first, and the one the next step fills. */
    private Beam beam;
    private Beam next;
    /** Per unfinished text of the next step: the column of the text it extends, and the character it reads. */
    private final int[] parents;
    private final int[] inputs;
    /**
     * Extension i of the texts of length n + 1 is entry n·width + i: the extension's index among the texts of
     * length n it extends, and the character it adds. A text is identified by its length and that index.
     */
    private int[] historyParent;
    private int[] historyChar;

    BeamRun(CharModel model, int width, int maxLength) {
        this.model = model;
        this.width = width;
        this.vocab = model.vocabulary().size();
        this.endIndex = model.vocabulary().hasStartEnd();
        this.maxLength = maxLength;
        columns = new CarriedState(model, width);
        candidates = new BeamCandidates(width);
        beam = new Beam(width);
        next = new Beam(width);
        parents = new int[width];
        inputs = new int[width];
        int initial = Math.multiplyExact(Math.min(maxLength, 256), width);
        historyParent = new int[initial];
        historyChar = new int[initial];
    }

    /** Searches from the logits and (single-column) state that START and the prime left. */
    List<BeamText> run(Mat logits, State source) {
        beam.set(0, 0.0, 0, 0, maxLength == 0 ? AT_LIMIT : ACTIVE);
        beam.count = 1;
        for (int t = 0; t < maxLength; t++) {
            rank(logits);
            int unfinished = advance(t);
            if (unfinished == 0) break;
            State s = step(source, unfinished);
            logits = s.output();
            source = s;
        }
        return texts();
    }

    /** Offers every finished text of the beam, and every extension of each unfinished one, to the candidates. */
    private void rank(Mat logits) {
        int stride = logits.cols;
        candidates.clear();
        for (int r = 0; r < beam.count; r++) {
            double total = beam.score[r];
            if (beam.status[r] != ACTIVE) {
                candidates.offer(total, r, BeamCandidates.KEPT);
                continue;
            }
            int j = beam.index[r]; // an unfinished text's index is its column
            double normaliser = logNormaliser(logits, j);
            int off = logits.offset + j;
            for (int c = 0; c < vocab; c++) {
                candidates.offer(total + ((double) logits.w[off + c * stride] - normaliser), r, c);
            }
        }
    }

    /**
     * log Σ exp(logits of column j), shifted by their maximum, in double precision: log-probabilities are then
     * logit − normaliser, which keeps the order of the logits exactly. (The softmax kernels box vectors and
     * allocate per call in some compilations; these few exponentials per column allocate nothing.)
     */
    private double logNormaliser(Mat logits, int j) {
        int stride = logits.cols;
        int off = logits.offset + j;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < vocab; c++) max = Math.max(max, logits.w[off + c * stride]);
        double sum = 0;
        for (int c = 0; c < vocab; c++) sum += Math.exp(logits.w[off + c * stride] - max);
        return max + Math.log(sum);
    }

    /**
     * Turns the candidates into the next beam: extensions by a character are recorded in the history and, below
     * the length limit, become the columns of the next step in rank order. Returns how many are unfinished.
     */
    private int advance(int t) {
        int length = t + 1;
        ensureHistory(length);
        next.count = 0;
        int extended = 0;
        for (int i = 0; i < candidates.count(); i++) {
            int r = candidates.from[i];
            int ch = candidates.character[i];
            double total = candidates.score[i];
            int n = next.count++;
            if (ch == BeamCandidates.KEPT) {
                next.set(n, total, beam.length[r], beam.index[r], beam.status[r]);
            } else if (endIndex && ch == Vocabulary.END) {
                next.set(n, total, beam.length[r], beam.index[r], ENDED);
            } else {
                int at = t * width + extended;
                historyParent[at] = beam.index[r];
                historyChar[at] = ch;
                parents[extended] = beam.index[r];
                inputs[extended] = ch;
                next.set(n, total, length, extended, length == maxLength ? AT_LIMIT : ACTIVE);
                extended++;
            }
        }
        Beam done = beam;
        beam = next;
        next = done;
        return length == maxLength ? 0 : extended;
    }

    /**
     * Gathers the state of each unfinished text's parent into its column (spare columns repeat the first) and
     * runs one batched step reading their characters.
     */
    private State step(State source, int unfinished) {
        for (int j = unfinished; j < width; j++) {
            parents[j] = parents[0];
            inputs[j] = inputs[0];
        }
        State target = columns.state();
        gather(source.hidden(), target.hidden());
        gather(source.cells(), target.cells());
        graph.reset();
        return model.forward(graph, inputs, target);
    }

    /** Column j of every {@code to} matrix = column parents[j] of the matching {@code from} matrix. */
    private void gather(List<Mat> from, List<Mat> to) {
        for (int m = 0; m < to.size(); m++) {
            Mat src = from.get(m);
            Mat dst = to.get(m);
            for (int row = 0; row < dst.rows; row++) {
                int s = src.offset + row * src.cols;
                int d = dst.offset + row * dst.cols;
                for (int j = 0; j < width; j++) dst.w[d + j] = src.w[s + parents[j]];
            }
        }
    }

    /** Room in the history for the extensions to {@code length} characters, doubling when it runs out. */
    private void ensureHistory(int length) {
        long needed = (long) length * width;
        if (needed <= historyParent.length) return;
        int size = (int) Math.min(Math.max(needed, 2L * historyParent.length), (long) maxLength * width);
        historyParent = Arrays.copyOf(historyParent, size);
        historyChar = Arrays.copyOf(historyChar, size);
    }

    /** The texts of the final beam, best first, spelled by following the history back from their last character. */
    private List<BeamText> texts() {
        Vocabulary vocabulary = model.vocabulary();
        List<BeamText> out = new ArrayList<>(beam.count);
        for (int r = 0; r < beam.count; r++) {
            int[] indices = new int[beam.length[r]];
            int i = beam.index[r];
            for (int n = indices.length; n >= 1; n--) {
                int at = (n - 1) * width + i;
                indices[n - 1] = historyChar[at];
                i = historyParent[at];
            }
            out.add(new BeamText(vocabulary.decode(indices), beam.score[r], beam.status[r] == ENDED));
        }
        return out;
    }

    /** A ranked beam: per text, its total, its length, its index among the texts of that length, its status. */
    private static final class Beam {
        final double[] score;
        final int[] length;
        final int[] index;
        final byte[] status;
        int count;

        Beam(int width) {
            score = new double[width];
            length = new int[width];
            index = new int[width];
            status = new byte[width];
        }

        void set(int r, double total, int textLength, int textIndex, byte textStatus) {
            score[r] = total;
            length[r] = textLength;
            index[r] = textIndex;
            status[r] = textStatus;
        }
    }
}
