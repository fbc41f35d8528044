package org.recurrent4j.io;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.recurrent4j.train.SplitMix64;

/** Seeded mutations of a file's bytes, for the fuzz test. */
final class Mutations {
    private static final byte[] JSON_TOKENS = "{}[],:\"0123456789.-eE nultrfNaI".getBytes();

    private Mutations() {}

    /** One of: bit flips, a truncation, a splice from {@code other}, a deleted, duplicated or inserted range. */
    static byte[] raw(byte[] bytes, byte[] other, SplitMix64 rng) {
        if (bytes.length == 0) return new byte[] {(byte) rng.nextInt()};
        byte[] out = bytes.clone();
        switch (rng.nextInt(6)) {
            case 0 -> {
                int flips = 1 + rng.nextInt(4);
                for (int k = 0; k < flips; k++) out[rng.nextInt(out.length)] ^= (byte) (1 << rng.nextInt(8));
            }
            case 1 -> out = Arrays.copyOf(out, rng.nextInt(out.length));
            case 2 -> { // a range of the other file pasted over this one
                int length = 1 + rng.nextInt(Math.min(64, other.length));
                int from = rng.nextInt(other.length - length + 1);
                int to = rng.nextInt(Math.max(1, out.length - length + 1));
                System.arraycopy(other, from, out, to, Math.min(length, out.length - to));
            }
            case 3 -> out = splice(out, rng.nextInt(out.length), rng.nextInt(1 + Math.min(32, out.length / 4)), new byte[0]);
            case 4 -> {
                int at = rng.nextInt(out.length);
                int length = 1 + rng.nextInt(Math.min(32, out.length - at));
                out = splice(out, at, 0, Arrays.copyOfRange(out, at, at + length));
            }
            default -> {
                byte[] junk = new byte[1 + rng.nextInt(8)];
                for (int k = 0; k < junk.length; k++) junk[k] = (byte) rng.nextInt();
                out = splice(out, rng.nextInt(out.length + 1), 0, junk);
            }
        }
        return out;
    }

    /** As {@link #raw}, or a single byte replaced by a JSON token character, which keeps more files parseable. */
    static byte[] json(byte[] bytes, byte[] other, SplitMix64 rng) {
        if (rng.nextInt(3) > 0) return raw(bytes, other, rng);
        byte[] out = bytes.clone();
        out[rng.nextInt(out.length)] = JSON_TOKENS[rng.nextInt(JSON_TOKENS.length)];
        return out;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        int removed = Math.min(remove, bytes.length - at);
        byte[] out = new byte[bytes.length - removed + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + removed, out, at + insert.length, bytes.length - at - removed);
        return out;
    }
}
