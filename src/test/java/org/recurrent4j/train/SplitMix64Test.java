package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void itDrawsWhatSplittableRandomDraws() {
        for (long seed : new long[] {0, 1, 4, -7, Long.MAX_VALUE}) {
            SplittableRandom expected = new SplittableRandom(seed);
            SplitMix64 actual = new SplitMix64(seed);
            for (int i = 0; i < 2000; i++) {
                switch (i % 6) {
                    case 0 -> assertEquals(expected.nextLong(), actual.nextLong());
                    case 1 -> assertEquals(expected.nextInt(1430), actual.nextInt(1430));
                    case 2 -> assertEquals(expected.nextDouble(), actual.nextDouble());
                    case 3 -> assertEquals(expected.nextGaussian(), actual.nextGaussian());
                    case 4 -> assertEquals(expected.nextInt(), actual.nextInt());
                    default -> assertEquals(expected.nextFloat(), actual.nextFloat());
                }
            }
            SplittableRandom e2 = expected.split();
            SplitMix64 a2 = actual.split();
            for (int i = 0; i < 100; i++) assertEquals(e2.nextLong(), a2.nextLong());
            assertEquals(expected.nextLong(), actual.nextLong(), "the parent continues alike after a split");
        }
    }

    @Test
    void aSavedStateContinuesTheSequence() {
        SplitMix64 g = new SplitMix64(42);
        for (int i = 0; i < 17; i++) g.nextGaussian();
        SplitMix64 copy = new SplitMix64(g.state());
        for (int i = 0; i < 100; i++) assertEquals(g.nextLong(), copy.nextLong());
        assertEquals(g.state(), copy.state());
    }

    @Test
    void anEvenGammaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SplitMix64.State(1, 2));
    }
}
