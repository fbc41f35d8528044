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
 * CRC-32, closed by an empty {@value #END} section. All numbers are little-endian.
 *
 * <pre>
 * signature  8 bytes   89 'R' '4' 'J' 0D 0A 1A 0A
 * version    u16 major, u16 minor
 * section*   u8 name length, name (ASCII), u64 payload length, payload, u32 CRC-32
 * </pre>
 *
 * <p>The CRC-32 covers the section's name, length and payload (format 2; format 1 covered the payload only), so a
 * flipped bit anywhere after the version is detected. The end marker tells a complete file from a truncated one.
 * A reader skips sections it does not know, so a new minor version may add sections; a new major version changes
 * the layout, and this reader refuses majors above {@value #MAJOR} while reading every older one.
 */
final class Sections {
    static final byte[] SIGNATURE = {(byte) 0x89, 'R', '4', 'J', 0x0D, 0x0A, 0x1A, 0x0A};
    static final int MAJOR = 2;
    static final int MINOR = 0;
    static final String END = "end";

    private Sections() {}

    /** The bytes of a file of the current format holding {@code sections} in order, then the end marker. */
    static byte[] encode(Map<String, byte[]> sections) {
        return encode(sections, MAJOR, MINOR);
    }

    /** The bytes of a file in format {@code major.minor} (1 or 2 for the layout; tests write older files). */
    static byte[] encode(Map<String, byte[]> sections, int major, int minor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        out.writeBytes(le(4).putShort((short) major).putShort((short) minor).array());
        sections.forEach((name, payload) -> writeSection(out, name, payload, major));
        writeSection(out, END, new byte[0], major);
        return out.toByteArray();
    }

    private static void writeSection(ByteArrayOutputStream out, String name, byte[] payload, int major) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length > 255) throw new IllegalArgumentException("section name longer than 255 bytes: " + name);
        byte[] length = le(8).putLong(payload.length).array();
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(length);
        out.writeBytes(payload);
        out.writeBytes(le(4).putInt(crc(major, n, length, payload)).array());
    }

    /** The sections of a file, in order, without the end marker; {@code file} names it in messages. */
    static Map<String, byte[]> decode(byte[] bytes, String file) throws ModelFileException {
        if (bytes.length < SIGNATURE.length || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new ModelFileException(file + ": not a recurrent4j model file (it does not start with the model "
                    + "file signature); give a file written by 'recurrent4j train' or 'recurrent4j import'");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(SIGNATURE.length);
        need(in, 4, "the format version", file);
        int major = in.getShort() & 0xFFFF;
        int minor = in.getShort() & 0xFFFF;
        if (major > MAJOR) {
            throw new ModelFileException(file + ": written by a newer recurrent4j (model file format " + major + "."
                    + minor + "); this program reads formats 1 to " + MAJOR + "; use a newer recurrent4j");
        }
        if (major < 1) {
            throw new ModelFileException(file + ": corrupt: unknown model file format " + major + "." + minor);
        }
        Map<String, byte[]> sections = new LinkedHashMap<>();
        while (true) {
            need(in, 1, "the next section", file);
            int nameLength = in.get() & 0xFF;
            need(in, nameLength + 8, "a section header", file);
            byte[] n = new byte[nameLength];
            in.get(n);
            String name = new String(n, StandardCharsets.US_ASCII);
            byte[] length = new byte[8];
            in.get(length);
            long size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (size < 0 || size > in.remaining() - 4L) {
                throw new ModelFileException(file + ": truncated or corrupt: section '" + printable(name) + "' needs "
                        + size + " bytes and a checksum, but only " + in.remaining() + " bytes follow");
            }
            byte[] payload = new byte[(int) size];
            in.get(payload);
            if (in.getInt() != crc(major, n, length, payload)) {
                throw new ModelFileException(file + ": corrupt: the checksum of section '" + printable(name)
                        + "' does not match its contents");
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

    /** A section name as it may be printed: control and non-ASCII bytes of a corrupt name become '?'. */
    private static String printable(String name) {
        return name.chars().map(c -> c >= 0x20 && c < 0x7F ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int crc(int major, byte[] name, byte[] length, byte[] payload) {
        CRC32 crc = new CRC32();
        if (major >= 2) {
            crc.update(name.length);
            crc.update(name);
            crc.update(length);
        }
        crc.update(payload);
        return (int) crc.getValue();
    }
}
