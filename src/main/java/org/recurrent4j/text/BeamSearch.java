package org.recurrent4j.text;

import java.util.List;
import java.util.Objects;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.State;

/**
 * Beam search over a {@link CharModel}: the most probable continuations of a prime, keeping the {@code width}
 * best partial texts at every step. The outputs searched are those {@link Sampler} can produce: a text that ends
 * at END before the length limit (its probability includes END's), or a text of exactly the limit (no END is
 * read after it). START and the prime are fed first, as the sampler feeds them; their own probability is not
 * part of any score. A model whose vocabulary has no START/END (imported from PyTorch) starts from the prime's
 * first character, as the sampler does, and every output has exactly the length limit. Width 1 is argmax
 * decoding, and a width at least the number of possible outputs is an exhaustive search.
 *
 * <p>Each step extends every unfinished text of the beam by every index (END included), and keeps the
 * {@code width} best of those extensions and of the texts already finished, by total log-probability. Equal
 * totals are ranked by the rank of the text they extend in the previous step (a finished text kept counts as
 * extending itself, ahead of that text's extensions), then by the lower index: END, then the characters in
 * vocabulary order. Argmax takes the first of equal logits too. The unfinished texts are the columns of one
 * batched forward step; after each step the recurrent state's columns are gathered into the order of the new
 * beam, in buffers allocated once per search.
 *
 * <p>Each call has its own graph and state and only reads the model, so one instance serves many threads.
 */
public final class BeamSearch {
    private final CharModel model;

    public BeamSearch(CharModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The most probable continuations of {@code prime} found with {@code width} partial texts, best first: at most
     * {@code width} of them (fewer when fewer outputs exist), each at most {@code maxLength} characters, with its
     * total log-probability in nats. With {@code maxLength} 0 the one result is the empty text, of log-probability 0.
     *
     * @throws IllegalArgumentException if the width is below 1, the length negative, the prime holds a
     *     character outside the model's vocabulary (named with its position), or the prime is empty and the
     *     vocabulary has no START/END
     */
    public List<BeamText> search(String prime, int maxLength, int width) {
        Objects.requireNonNull(prime, "prime");
        if (width < 1) throw new IllegalArgumentException("beam search: width must be at least 1, got " + width);
        if (maxLength < 0) throw new IllegalArgumentException("beam search: length must be at least 0, got " + maxLength);
        if ((long) maxLength * width > BeamRun.MAX_HISTORY) {
            throw new IllegalArgumentException("beam search: length " + maxLength + " × width " + width
                    + " is more than one search can remember (" + BeamRun.MAX_HISTORY + ")");
        }
        int[] primed = model.vocabulary().encode(prime);
        boolean startEnd = model.vocabulary().hasStartEnd();
        if (!startEnd && primed.length == 0) throw new IllegalArgumentException(Sampler.NEEDS_PRIME);
        Graph graph = new Graph(false);
        CarriedState carried = new CarriedState(model, 1);
        State s = startEnd ? feed(graph, carried, Vocabulary.START) : null;
        for (int ix : primed) s = feed(graph, carried, ix);
        return new BeamRun(model, width, maxLength).run(s.output(), carried.state());
    }

    /** One step of a single column from the carried state; the graph is reset first, as the sampler does. */
    private State feed(Graph graph, CarriedState carried, int index) {
        graph.reset();
        State s = model.forward(graph, index, carried.state());
        carried.copyFrom(s);
        return s;
    }
}
