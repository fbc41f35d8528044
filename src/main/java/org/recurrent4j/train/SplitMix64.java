package org.recurrent4j.train;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose whole state is two longs, so a checkpoint can save it and a resumed run can
 * continue the exact sequence. It is the SplitMix64 algorithm of {@link java.util.SplittableRandom} and produces
 * the same values: {@code new SplitMix64(s)} and {@code new SplittableRandom(s)} give the same
 * {@code nextLong()}, {@code nextInt(bound)}, {@code nextDouble()}, {@code nextGaussian()}, ... and the same
 * {@link #split()}s. Not thread-safe.
 */
public final class SplitMix64 implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** The saved form: the current seed and the odd increment (gamma). */
    public record State(long seed, long gamma) {
        public State {
            if ((gamma & 1) == 0) throw new IllegalArgumentException("SplitMix64: gamma must be odd, got " + gamma);
        }
    }

    private long seed;
    private final long gamma;

    /** The generator {@code new SplittableRandom(seed)} would be. */
    public SplitMix64(long seed) {
        this(new State(seed, GOLDEN_GAMMA));
    }

    /** A generator that continues from a saved {@link #state()}. */
    public SplitMix64(State state) {
        this.seed = state.seed();
        this.gamma = state.gamma();
    }

    /** The current state; {@code new SplitMix64(state())} continues with the same values as this generator. */
    public State state() {
        return new State(seed, gamma);
    }

    /** A new generator, drawn from this one exactly as {@link java.util.SplittableRandom#split()} draws it. */
    public SplitMix64 split() {
        long s = nextLong();
        return new SplitMix64(new State(s, mixGamma(nextSeed())));
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int transitions = Long.bitCount(z ^ (z >>> 1));
        return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }

    @Override
    public String toString() {
        return "SplitMix64[seed " + seed + ", gamma " + gamma + "]";
    }
}
