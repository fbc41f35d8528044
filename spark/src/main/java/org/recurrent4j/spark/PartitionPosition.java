package org.recurrent4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.recurrent4j.text.CorpusStreams;
import org.recurrent4j.train.TrainerState;

/**
 * Where one partition stands in its streams between rounds: the streams' cursor, the epoch its carried state
 * belongs to, and the carried state itself (per layer H_j × S values, S its streams; cells for the LSTM kinds).
 * The driver holds one per partition and sends each with its round, so that any executor can train any partition.
 */
record PartitionPosition(int index, long epoch, int offset, long chunkEpoch, float[][] hidden, float[][] cells)
        implements Serializable {

    /** The engine's form of this position, for a worker's trainer. */
    TrainerState.Corpus toState() {
        return new TrainerState.Corpus(new CorpusStreams.Cursor(epoch, offset), chunkEpoch, List.of(hidden),
                List.of(cells));
    }

    /** Partition {@code index}'s position from its worker's trainer. */
    static PartitionPosition of(int index, TrainerState.Corpus c) {
        return new PartitionPosition(index, c.cursor().epoch(), c.cursor().offset(), c.chunkEpoch(),
                c.hidden().toArray(float[][]::new), c.cells().toArray(float[][]::new));
    }

    /**
     * The positions of {@code partitions} partitions of {@code whole}, a position of P·S streams over layers of
     * {@code sizes}: partition p takes streams p·S … p·S + S − 1, the columns p·S … of each H_j × P·S matrix.
     */
    static PartitionPosition[] split(TrainerState.Corpus whole, List<Integer> sizes, int partitions) {
        PartitionPosition[] parts = new PartitionPosition[partitions];
        for (int p = 0; p < partitions; p++) {
            parts[p] = new PartitionPosition(p, whole.cursor().epoch(), whole.cursor().offset(), whole.chunkEpoch(),
                    columns(whole.hidden(), sizes, p, partitions), columns(whole.cells(), sizes, p, partitions));
        }
        return parts;
    }

    /**
     * The position of all P·S streams from the partitions' positions, in partition order: the inverse of
     * {@link #split}.
     *
     * @throws IllegalStateException if the partitions stand at different places in their streams
     */
    static TrainerState.Corpus merge(PartitionPosition[] parts, List<Integer> sizes) {
        PartitionPosition first = parts[0];
        for (PartitionPosition p : parts) {
            if (p.epoch != first.epoch || p.offset != first.offset || p.chunkEpoch != first.chunkEpoch) {
                throw new IllegalStateException("partition " + p.index + " stands at epoch " + p.epoch + ", offset "
                        + p.offset + ", partition " + first.index + " at epoch " + first.epoch + ", offset " + first.offset);
            }
        }
        return new TrainerState.Corpus(new CorpusStreams.Cursor(first.epoch, first.offset), first.chunkEpoch,
                joined(parts, sizes, false), joined(parts, sizes, true));
    }

    private static float[][] columns(List<float[]> matrices, List<Integer> sizes, int p, int partitions) {
        float[][] out = new float[matrices.size()][];
        for (int l = 0; l < out.length; l++) {
            float[] m = matrices.get(l);
            int rows = sizes.get(l);
            int all = m.length / rows;
            int streams = all / partitions;
            out[l] = new float[rows * streams];
            for (int r = 0; r < rows; r++) System.arraycopy(m, r * all + p * streams, out[l], r * streams, streams);
        }
        return out;
    }

    private static List<float[]> joined(PartitionPosition[] parts, List<Integer> sizes, boolean cells) {
        int layers = (cells ? parts[0].cells : parts[0].hidden).length;
        List<float[]> out = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            int rows = sizes.get(l);
            int streams = (cells ? parts[0].cells : parts[0].hidden)[l].length / rows;
            int all = streams * parts.length;
            float[] m = new float[rows * all];
            for (int p = 0; p < parts.length; p++) {
                float[] part = (cells ? parts[p].cells : parts[p].hidden)[l];
                for (int r = 0; r < rows; r++) System.arraycopy(part, r * streams, m, r * all + p * streams, streams);
            }
            out.add(m);
        }
        return out;
    }
}
