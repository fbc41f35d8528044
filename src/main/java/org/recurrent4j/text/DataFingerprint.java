package org.recurrent4j.text;

/** A 64-bit FNV-1a hash of character indices, to tell whether a resumed run trains on the same data. */
final class DataFingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private long hash = OFFSET;

    /** Adds the length of {@code indices}, then every index. */
    DataFingerprint add(int[] indices) {
        mix(indices.length);
        for (int i : indices) mix(i);
        return this;
    }

    private void mix(int value) {
        for (int shift = 0; shift < 32; shift += 8) {
            hash ^= (value >>> shift) & 0xFF;
            hash *= PRIME;
        }
    }

    long value() {
        return hash;
    }
}
