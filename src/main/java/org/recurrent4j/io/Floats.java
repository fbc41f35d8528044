package org.recurrent4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Float arrays as one little-endian section payload, and back. */
final class Floats {
    private Floats() {}

    /** The arrays' values, one after the other. */
    static byte[] encode(List<float[]> arrays) {
        long n = 0;
        for (float[] a : arrays) n += a.length;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(n * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] a : arrays) for (float x : a) out.putFloat(x);
        return out.array();
    }

    /** Splits {@code bytes} into arrays of the given lengths; null if the lengths do not add up to its size. */
    static List<float[]> decode(byte[] bytes, List<Long> lengths) {
        long n = 0;
        for (long length : lengths) {
            if (length < 0 || length > bytes.length) return null;
            n += length;
        }
        if (n * Float.BYTES != bytes.length) return null;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> out = new ArrayList<>(lengths.size());
        for (long length : lengths) {
            float[] a = new float[(int) length];
            for (int i = 0; i < a.length; i++) a[i] = in.getFloat();
            out.add(a);
        }
        return out;
    }
}
