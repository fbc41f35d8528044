package org.recurrent4j.io;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * Saves and loads a {@link CharModel}. The file (see {@link Sections} for the container) holds a {@code header}
 * section, JSON with the kind, hidden sizes, letter size, vocabulary, parameter names and shapes, training
 * settings and step, and a {@code parameters} section, every parameter's values as little-endian floats in the
 * header's order. A save writes a temporary file in the target's directory, forces it to disk and renames it over
 * the target atomically, so a crash leaves either the old file or the new one, never a half-written one.
 */
public final class ModelFile {
    /** The conventional file name extension. */
    public static final String EXTENSION = ".r4j";
    static final String HEADER = "header";
    static final String PARAMETERS = "parameters";
    private static final String FORMAT = "recurrent4j-model";
    private static final Gson GSON = new Gson();

    private ModelFile() {}

    /** The header, as JSON. */
    private record Header(String format, String kind, List<Integer> hiddenSizes, int letterSize,
                          List<String> vocabulary, List<Shape> parameters, Map<String, String> training, long step) {}

    private record Shape(String name, int rows, int cols) {}

    /** Writes {@code model} to {@code file} atomically, replacing any existing file. */
    public static void save(Path file, CharModel model, Map<String, String> training, long step) throws IOException {
        List<Shape> shapes = new ArrayList<>();
        long values = 0;
        for (Parameter p : model.parameters()) {
            shapes.add(new Shape(p.name(), p.mat().rows, p.mat().cols));
            values += p.mat().size();
        }
        Header header = new Header(FORMAT, model.kind(), model.hiddenSizes(), model.letterSize(),
                model.vocabulary().characters(), shapes, new LinkedHashMap<>(training), step);
        ByteBuffer floats = Sections.le(Math.toIntExact(values * Float.BYTES));
        for (Parameter p : model.parameters()) {
            Mat m = p.mat();
            for (int i = 0; i < m.size(); i++) floats.putFloat(m.w[m.offset + i]);
        }
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put(HEADER, GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
        sections.put(PARAMETERS, floats.array());
        writeAtomically(file, Sections.encode(sections));
    }

    /** Writes {@code bytes} to a temporary file next to {@code file}, forces it to disk and renames it over {@code file}. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) ch.write(buffer);
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException if the file is not a model file, is from an unsupported format version, is
     *     truncated or corrupt, or its parameters do not fit its header; the message names the file
     * @throws IOException if the file cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        String name = file.toString();
        if (!Files.exists(file)) throw new NoSuchFileException(name, null, "no such model file; check the path");
        if (Files.isDirectory(file)) throw new ModelFileException(name + ": is a directory, not a model file");
        if (!Files.isReadable(file)) throw new AccessDeniedException(name, null, "cannot be read; check its permissions");
        Map<String, byte[]> sections = Sections.decode(Files.readAllBytes(file), name);
        Header header = header(sections, name);
        byte[] values = sections.get(PARAMETERS);
        if (values == null) throw new ModelFileException(name + ": corrupt: no '" + PARAMETERS + "' section");
        CharModel model = build(header, name);
        List<Parameter> params = model.parameters();
        if (params.size() != header.parameters().size()) {
            throw new ModelFileException(name + ": lists " + header.parameters().size() + " parameters, but "
                    + describe(header) + " has " + params.size());
        }
        long expected = 0;
        for (int i = 0; i < params.size(); i++) {
            Mat m = params.get(i).mat();
            Shape s = header.parameters().get(i);
            if (!s.name().equals(params.get(i).name()) || s.rows() != m.rows || s.cols() != m.cols) {
                throw new ModelFileException(name + ": shape mismatch: parameter " + (i + 1) + " is " + s.name() + " "
                        + s.rows() + "x" + s.cols() + " in the file, but " + describe(header) + " has "
                        + params.get(i).name() + " " + m.shape());
            }
            expected += m.size();
        }
        if (values.length != expected * Float.BYTES) {
            throw new ModelFileException(name + ": corrupt: the parameter section holds " + values.length / Float.BYTES
                    + " values, the header's parameters need " + expected);
        }
        ByteBuffer in = ByteBuffer.wrap(values).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (Parameter p : params) {
            Mat m = p.mat();
            for (int i = 0; i < m.size(); i++) m.w[m.offset + i] = in.getFloat();
        }
        Map<String, String> training = header.training() == null ? Map.of() : header.training();
        return new SavedModel(model, training, header.step());
    }

    private static Header header(Map<String, byte[]> sections, String name) throws ModelFileException {
        byte[] bytes = sections.get(HEADER);
        if (bytes == null) throw new ModelFileException(name + ": corrupt: no '" + HEADER + "' section");
        Header h;
        try {
            h = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException e) {
            throw new ModelFileException(name + ": corrupt header: " + e.getMessage());
        }
        if (h == null || !FORMAT.equals(h.format()) || h.kind() == null || h.hiddenSizes() == null
                || h.vocabulary() == null || h.parameters() == null) {
            throw new ModelFileException(name + ": corrupt header: a field is missing (format, kind, hiddenSizes, "
                    + "vocabulary or parameters)");
        }
        return h;
    }

    private static CharModel build(Header h, String name) throws ModelFileException {
        try {
            Vocabulary vocabulary = Vocabulary.of(h.vocabulary());
            // Zero weights: every value is overwritten from the file.
            return CharModel.create(vocabulary, ModelKind.of(h.kind()), h.hiddenSizes(), h.letterSize(),
                    Init.uniform(0f), new SplittableRandom(0));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFileException(name + ": the header does not describe a valid model: " + e.getMessage());
        }
    }

    private static String describe(Header h) {
        return h.kind() + " " + h.hiddenSizes() + " with letter size " + h.letterSize() + " and "
                + (h.vocabulary().size() + 1) + " outputs";
    }
}
