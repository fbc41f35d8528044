package org.recurrent4j.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The container of a model file: a signature, a format version, then named sections, each with its length and a
 * CRC-32 of its bytes, closed by an empty {@value #END} section. All numbers are little-endian.
 *
 * <pre>
 * signature  8 bytes   89 'R' '4' 'J' 0D 0A 1A 0A
 * version    u32
 * section*   u8 name length, name (ASCII), u64 payload length, payload, u32 CRC-32 of the payload
 * </pre>
 *
 * New kinds of content (optimizer state, generator state, data position) are new sections; a reader skips
 * sections it does not know, and the end marker tells a complete file from a truncated one.
 */
final class Sections {
    static final byte[] SIGNATURE = {(byte) 0x89, 'R', '4', 'J', 0x0D, 0x0A, 0x1A, 0x0A};
    static final int VERSION = 1;
    static final String END = "end";

    private Sections() {}

    /** The bytes of a file holding {@code sections} in order, then the end marker. */
    static byte[] encode(Map<String, byte[]> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(le(4).putInt(VERSION).array());
        sections.forEach((name, payload) -> writeSection(out, name, payload));
        writeSection(out, END, new byte[0]);
        return out.toByteArray();
    }

    private static void writeSection(ByteArrayOutputStream out, String name, byte[] payload) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(le(8).putLong(payload.length).array());
        out.writeBytes(payload);
        out.writeBytes(le(4).putInt(crc(payload)).array());
    }

    /** The sections of a file, in order, without the end marker; {@code file} names it in messages. */
    static Map<String, byte[]> decode(byte[] bytes, String file) throws ModelFileException {
        if (bytes.length < SIGNATURE.length || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new ModelFileException(file + ": not a recurrent4j model file (it does not start with the model "
                    + "file signature); give a file written by 'recurrent4j train'");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(SIGNATURE.length);
        need(in, 4, "the format version", file);
        int version = in.getInt();
        if (version != VERSION) {
            throw new ModelFileException(file + ": model file format version " + Integer.toUnsignedString(version)
                    + " is not supported (this program reads version " + VERSION + ")"
                    + (version > VERSION ? "; use a newer recurrent4j" : ""));
        }
        Map<String, byte[]> sections = new LinkedHashMap<>();
        while (true) {
            need(in, 1, "the next section", file);
            int nameLength = in.get() & 0xFF;
            need(in, nameLength + 8, "a section header", file);
            byte[] n = new byte[nameLength];
            in.get(n);
            String name = new String(n, StandardCharsets.US_ASCII);
            long length = in.getLong();
            if (length < 0 || length > in.remaining() - 4L) {
                throw new ModelFileException(file + ": truncated: section '" + name + "' needs " + length
                        + " bytes and a checksum, but only " + in.remaining() + " bytes follow");
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            if (in.getInt() != crc(payload)) {
                throw new ModelFileException(file + ": corrupt: the checksum of section '" + name + "' does not match "
                        + "its contents");
            }
            if (name.equals(END)) break;
            if (sections.put(name, payload) != null) {
                throw new ModelFileException(file + ": corrupt: section '" + name + "' appears twice");
            }
        }
        if (in.hasRemaining()) {
            throw new ModelFileException(file + ": corrupt: " + in.remaining() + " bytes after the end marker");
        }
        return sections;
    }

    private static void need(ByteBuffer in, int bytes, String what, String file) throws ModelFileException {
        if (in.remaining() < bytes) {
            throw new ModelFileException(file + ": truncated: the file ends before " + what
                    + " (at byte " + in.position() + "); it was not completely written");
        }
    }

    static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int crc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
