package org.recurrent4j.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors container, as published: an unsigned 64-bit little-endian header length N, N bytes of a UTF-8
 * JSON object ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}} with an
 * optional {@code "__metadata__"} map of strings, padded with spaces), then the data, each tensor's raw
 * little-endian values in row-major order at its offsets relative to the end of the header. The reader treats the
 * file as hostile: it checks every number before it uses one, reads F32, F16 and BF16 as float32 and refuses
 * anything else, and refuses each problem in one line naming the file and the tensor. The writer writes F32.
 */
final class SafetensorsFile {
    /** The largest header read, as the format's own reader limits it. */
    static final long MAX_HEADER = 100L * 1000 * 1000;
    static final String METADATA = "__metadata__";

    private SafetensorsFile() {}

    /** One tensor: its name, shape (outermost first) and values as float32, row-major. */
    record Tensor(String name, long[] shape, float[] values) {
        /** The shape as PyTorch prints it, e.g. {@code [256, 64]}. */
        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    /** The tensors of a file in header order, and its metadata. */
    record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** A tensor's entry in the header, before its data is read. */
    private record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    /** The bytes of a file holding {@code tensors} (as F32) and {@code metadata}, the header padded to 8 bytes. */
    static byte[] encode(List<Tensor> tensors, Map<String, String> metadata) {
        StringWriter text = new StringWriter();
        long offset = 0;
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            if (!metadata.isEmpty()) {
                json.name(METADATA).beginObject();
                for (Map.Entry<String, String> e : metadata.entrySet()) json.name(e.getKey()).value(e.getValue());
                json.endObject();
            }
            for (Tensor t : tensors) {
                long bytes = (long) t.values().length * Float.BYTES;
                json.name(t.name()).beginObject().name("dtype").value("F32").name("shape").beginArray();
                for (long d : t.shape()) json.value(d);
                json.endArray().name("data_offsets").beginArray().value(offset).value(offset + bytes).endArray();
                json.endObject();
                offset += bytes;
            }
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string", e);
        }
        byte[] header = text.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) out.put((byte) ' ');
        for (Tensor t : tensors) for (float v : t.values()) out.putFloat(v);
        return out.array();
    }

    /**
     * The tensors and metadata of a safetensors file's bytes; {@code name} names the file in messages.
     *
     * @throws ModelFileException naming the file, and the tensor where there is one, if the bytes are not a
     *     safetensors file, the header is over {@value #MAX_HEADER} bytes or is not the format's JSON, a dtype is
     *     not F32, F16 or BF16, a tensor's offsets lie outside the data, overlap another's or do not hold its
     *     shape, or a value is NaN or infinite
     */
    static Contents decode(byte[] bytes, String name) throws ModelFileException {
        if (bytes.length < 8) {
            throw new ModelFileException(name + ": not a safetensors file: " + bytes.length + " bytes, fewer than "
                    + "the 8 of the header's length");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength < 0 || headerLength > MAX_HEADER) {
            throw new ModelFileException(name + ": not a safetensors file, or a hostile one: its header would be "
                    + Long.toUnsignedString(headerLength) + " bytes, more than the limit of " + MAX_HEADER);
        }
        if (headerLength > bytes.length - 8) {
            throw new ModelFileException(name + ": truncated or not a safetensors file: the header needs "
                    + headerLength + " bytes, but only " + (bytes.length - 8) + " follow its length");
        }
        int dataStart = 8 + (int) headerLength;
        if (headerLength == 0 || bytes[8] != '{') {
            throw new ModelFileException(name + ": not a safetensors file: its header does not start with '{'");
        }
        String header;
        try {
            header = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, (int) headerLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(name + ": corrupt safetensors header: not UTF-8 text");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = parse(header, name, metadata);
        long dataLength = bytes.length - dataStart;
        checkOffsets(entries, dataLength, name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) tensors.put(e.name(), read(e, in, dataStart, name));
        return new Contents(tensors, metadata);
    }

    private static List<Entry> parse(String header, String name, Map<String, String> metadata)
            throws ModelFileException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        try {
            JsonReader json = new JsonReader(new StringReader(header));
            json.setStrictness(Strictness.STRICT);
            json.beginObject();
            while (json.hasNext()) {
                String key = json.nextName();
                if (seen.put(key, true) != null) throw bad(name, "the header lists " + quoted(key) + " twice");
                if (key.equals(METADATA)) {
                    metadata(json, name, metadata);
                } else {
                    entries.add(entry(json, key, name));
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) throw bad(name, "text after the header's JSON object");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) { // Gson's syntax errors
            throw bad(name, "its header is not the format's JSON (" + Messages.jsonError(e) + ")");
        }
        return entries;
    }

    private static void metadata(JsonReader json, String name, Map<String, String> metadata) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) throw bad(name, METADATA + " is not an object of strings");
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            if (json.peek() != JsonToken.STRING) throw bad(name, METADATA + "." + quoted(key) + " is not a string");
            if (metadata.put(key, json.nextString()) != null) throw bad(name, METADATA + " lists " + quoted(key) + " twice");
        }
        json.endObject();
    }

    private static Entry entry(JsonReader json, String tensor, String name) throws IOException {
        String where = "tensor " + quoted(tensor);
        if (json.peek() != JsonToken.BEGIN_OBJECT) throw bad(name, where + " is not an object");
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            switch (key) {
                case "dtype" -> {
                    if (dtype != null || json.peek() != JsonToken.STRING) throw bad(name, where + ": bad dtype");
                    dtype = json.nextString();
                }
                case "shape" -> {
                    if (shape != null) throw bad(name, where + " has two shapes");
                    shape = integers(json, name, where + ": shape");
                }
                case "data_offsets" -> {
                    if (offsets != null) throw bad(name, where + " has two data_offsets");
                    offsets = integers(json, name, where + ": data_offsets");
                    if (offsets.length != 2 || offsets[0] > offsets[1]) {
                        throw bad(name, where + ": data_offsets " + Arrays.toString(offsets) + " is not [begin, end]");
                    }
                }
                default -> throw bad(name, where + " has the unknown key " + quoted(key));
            }
        }
        json.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw bad(name, where + " needs dtype, shape and data_offsets");
        }
        if (width(dtype) == 0) {
            throw bad(name, where + " has dtype " + quoted(dtype) + "; only F32, F16 and BF16 are read (in PyTorch, "
                    + "tensor.float() before saving)");
        }
        return new Entry(tensor, dtype, shape, offsets[0], offsets[1]);
    }

    /** An array of non-negative integers that fit a long. */
    private static long[] integers(JsonReader json, String name, String where) throws IOException {
        if (json.peek() != JsonToken.BEGIN_ARRAY) throw bad(name, where + " is not an array");
        List<Long> values = new ArrayList<>();
        json.beginArray();
        while (json.hasNext()) {
            if (json.peek() != JsonToken.NUMBER) throw bad(name, where + " holds something other than a number");
            String text = json.nextString();
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw bad(name, where + " holds " + text + ", not an integer up to " + Long.MAX_VALUE);
            }
            if (v < 0) throw bad(name, where + " holds the negative " + v);
            if (values.size() == 64) throw bad(name, where + " has more than 64 entries");
            values.add(v);
        }
        json.endArray();
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Every tensor's bytes lie in the data, hold its shape exactly, and overlap no other tensor's. */
    private static void checkOffsets(List<Entry> entries, long dataLength, String name) throws ModelFileException {
        for (Entry e : entries) {
            String where = "tensor " + quoted(e.name());
            if (e.end() > dataLength) {
                throw bad(name, where + ": data_offsets [" + e.begin() + ", " + e.end() + "] lie outside the file's "
                        + dataLength + " bytes of data");
            }
            // The element count, or -1 once it passes the data's length (so that no product overflows).
            long elements = Arrays.stream(e.shape()).anyMatch(d -> d == 0) ? 0 : 1;
            for (long d : e.shape()) {
                if (elements > 0) elements = elements <= dataLength / d ? elements * d : -1;
            }
            long held = e.end() - e.begin();
            if (elements < 0 || held != elements * width(e.dtype())) {
                throw bad(name, where + " holds " + held + " bytes, but shape " + Arrays.toString(e.shape()) + " of "
                        + e.dtype() + " needs " + (elements < 0 ? "more than the file has" : elements * width(e.dtype())));
            }
        }
        List<Entry> sorted = entries.stream().filter(e -> e.end() > e.begin())
                .sorted(Comparator.comparingLong(Entry::begin)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Entry a = sorted.get(i - 1);
            Entry b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw bad(name, "tensors " + quoted(a.name()) + " and " + quoted(b.name()) + " overlap (bytes ["
                        + a.begin() + ", " + a.end() + ") and [" + b.begin() + ", " + b.end() + ") of the data)");
            }
        }
    }

    private static Tensor read(Entry e, ByteBuffer in, int dataStart, String name) throws ModelFileException {
        int width = width(e.dtype());
        int count = (int) ((e.end() - e.begin()) / width);
        float[] values = new float[count];
        int at = dataStart + (int) e.begin();
        for (int i = 0; i < count; i++, at += width) {
            float v = switch (e.dtype()) {
                case "F32" -> in.getFloat(at);
                case "F16" -> Float.float16ToFloat(in.getShort(at));
                default -> Float.intBitsToFloat((in.getShort(at) & 0xFFFF) << 16); // BF16: the top half of an F32
            };
            if (!Float.isFinite(v)) {
                throw bad(name, "tensor " + quoted(e.name()) + " holds " + v + " at element " + i
                        + "; a model's weights must be finite numbers");
            }
            values[i] = v;
        }
        return new Tensor(e.name(), e.shape(), values);
    }

    /** Bytes per element of a dtype read here, 0 for any other. */
    private static int width(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    private static String quoted(String s) {
        String q = JsonInput.quoted(s);
        return q.length() > 200 ? q.substring(0, 200) + "…\"" : q;
    }

    private static ModelFileException bad(String name, String what) {
        return new ModelFileException(name + ": " + what);
    }
}
