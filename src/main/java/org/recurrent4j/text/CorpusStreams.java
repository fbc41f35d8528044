package org.recurrent4j.text;

/**
 * Serves a split of a {@link CorpusData} as B parallel streams, T steps at a time, as char-rnn does.
 *
 * <p>The split of L code points is cut into B segments of S = floor(L / B) code points; stream j reads
 * segment j, which starts at j·S (the last L − B·S code points are not used). Each {@link #next()} fills
 * {@code inputs()[t][j]} with the T code points from the stream's position and {@code targets()[t][j]} with
 * the ones a step later, then advances every stream by T.
 *
 * <p><b>Wrap-around:</b> all streams advance together. When the next chunk would need a target past the end
 * of the segment, every stream wraps to the start of its segment and {@link #epoch()} goes up by one. An epoch
 * is thus {@link #chunksPerEpoch()} = floor((S − 1) / T) chunks, and the tail of each segment that does not
 * fill a chunk is skipped. The text jumps at a wrap, so a trainer carrying state across chunks should reset it
 * when the epoch changes. The arrays are allocated once; {@code next()} allocates nothing. Not thread-safe.
 */
public final class CorpusStreams {
    /** Where the streams stand: completed epochs and the offset of the next chunk within each segment. */
    public record Cursor(long epoch, int offset) {}

    private final int[] text;
    private final int segment;
    private final int chunksPerEpoch;
    private final int[][] inputs;
    private final int[][] targets;
    private long epoch;
    private int offset;

    CorpusStreams(int[] text, int streams, int steps, String source) {
        if (streams < 1 || steps < 1) {
            throw new IllegalArgumentException("corpus streams: need at least 1 stream and 1 step, got "
                    + streams + " streams of " + steps + " steps");
        }
        long needed = (long) streams * (steps + 1);
        if (text.length < needed) {
            throw new IllegalArgumentException(source + ": has " + CodePointNames.count(text.length)
                    + " characters, fewer than B×(T+1) = " + streams + "×" + (steps + 1) + " = "
                    + CodePointNames.count(needed) + " needed for " + streams + " streams of " + steps
                    + " steps; use a longer text or fewer streams or steps");
        }
        this.text = text;
        this.segment = text.length / streams;
        this.chunksPerEpoch = (segment - 1) / steps;
        this.inputs = new int[steps][streams];
        this.targets = new int[steps][streams];
    }

    /** Fills {@link #inputs()} and {@link #targets()} with the next chunk and advances, wrapping at the end. */
    public void next() {
        int steps = inputs.length;
        for (int t = 0; t < steps; t++) {
            int[] in = inputs[t];
            int[] out = targets[t];
            for (int j = 0, p = offset + t; j < in.length; j++, p += segment) {
                in[j] = text[p];
                out[j] = text[p + 1];
            }
        }
        offset += steps;
        if (offset + steps + 1 > segment) {
            offset = 0;
            epoch++;
        }
    }

    /** The input rows of the last chunk: {@code inputs()[t][j]} for step t of stream j. Shared, reused. */
    public int[][] inputs() {
        return inputs;
    }

    /** The target rows of the last chunk: the inputs shifted by one step. Shared, reused. */
    public int[][] targets() {
        return targets;
    }

    /** The number of streams B. */
    public int streams() {
        return inputs[0].length;
    }

    /** The number of steps T per chunk. */
    public int steps() {
        return inputs.length;
    }

    /** The number of code points S in each stream's segment: floor(L / B). */
    public int segmentLength() {
        return segment;
    }

    /** The number of chunks in one pass over the split: floor((S − 1) / T). */
    public int chunksPerEpoch() {
        return chunksPerEpoch;
    }

    /** How many times the streams have wrapped around. */
    public long epoch() {
        return epoch;
    }

    /** Where each stream's next chunk starts, as an offset into the split. */
    public int[] positions() {
        int[] p = new int[streams()];
        for (int j = 0; j < p.length; j++) p[j] = j * segment + offset;
        return p;
    }

    /** The current position, to be given back to {@link #seek} for an exact resume. */
    public Cursor cursor() {
        return new Cursor(epoch, offset);
    }

    /** Whether {@link #seek} accepts {@code cursor}. */
    public boolean canSeek(Cursor cursor) {
        return cursor.epoch() >= 0 && cursor.offset() >= 0 && (long) cursor.offset() + steps() + 1 <= segment;
    }

    /** Moves to a position from {@link #cursor()} of streams with the same text, B and T. */
    public void seek(Cursor cursor) {
        if (!canSeek(cursor)) {
            throw new IllegalArgumentException("corpus streams: cannot seek to epoch " + cursor.epoch() + ", offset "
                    + cursor.offset() + " in segments of " + segment + " with " + steps() + " steps");
        }
        epoch = cursor.epoch();
        offset = cursor.offset();
    }

    @Override
    public String toString() {
        return "CorpusStreams[" + streams() + " streams × " + steps() + " steps, segment " + segment
                + ", epoch " + epoch + ", offset " + offset + "]";
    }
}
