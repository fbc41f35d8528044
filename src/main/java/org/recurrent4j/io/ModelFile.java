package org.recurrent4j.io;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * Saves and loads a {@link CharModel}. The file (see {@link Sections} for the container) holds a {@code header}
 * section, JSON with the kind, hidden sizes, letter size, vocabulary, parameter names and shapes, training
 * settings and step, and a {@code parameters} section, every parameter's values as little-endian floats in the
 * header's order; optionally the optimizer's state ({@link OptimizerSections}). A {@link Checkpoint} adds the
 * trainer's state to the same file. A save writes a temporary file in the target's directory, forces it to disk
 * and renames it over the target atomically ({@link AtomicFile}), so a crash leaves either the old file or the
 * new one, never a half-written one. A load checks everything before it builds the model.
 */
public final class ModelFile {
    /** The conventional file name extension. */
    public static final String EXTENSION = ".r4j";
    static final String HEADER = "header";
    static final String PARAMETERS = "parameters";
    private static final String FORMAT = "recurrent4j-model";
    private static final Gson GSON = new Gson();

    private ModelFile() {}

    /**
     * The header, as JSON. {@code startEnd} is written only as false, for a vocabulary without the START/END index
     * (a model imported from PyTorch); absent, as in every older file, it means true.
     */
    private record Header(String format, String kind, List<Integer> hiddenSizes, int letterSize,
                          List<String> vocabulary, Boolean startEnd, List<ParameterShapes.Shape> parameters,
                          Map<String, String> training, long step) {
        boolean hasStartEnd() {
            return startEnd == null || startEnd;
        }

        /** The rows of Wil and the logits: one per character, and one for START/END if there is one. */
        int outputs() {
            return vocabulary.size() + (hasStartEnd() ? 1 : 0);
        }
    }

    /** Writes {@code model} to {@code file} atomically, replacing any existing file. */
    public static void save(Path file, CharModel model, Map<String, String> training, long step) throws IOException {
        save(file, model, training, step, null);
    }

    /** As {@link #save(Path, CharModel, Map, long)}, with the optimizer's state if not null. */
    public static void save(Path file, CharModel model, Map<String, String> training, long step,
                            OptimizerState optimizer) throws IOException {
        AtomicFile.write(file, Sections.encode(sections(model, training, step, optimizer)));
    }

    /** The sections of a model file: header, parameters, and the optimizer's if {@code optimizer} is not null. */
    static Map<String, byte[]> sections(CharModel model, Map<String, String> training, long step,
                                        OptimizerState optimizer) {
        List<ParameterShapes.Shape> shapes = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            Mat m = p.mat();
            shapes.add(new ParameterShapes.Shape(p.name(), m.rows, m.cols));
            values.add(java.util.Arrays.copyOfRange(m.w, m.offset, m.offset + m.size()));
        }
        Header header = new Header(FORMAT, model.kind(), model.hiddenSizes(), model.letterSize(),
                model.vocabulary().characters(), model.vocabulary().hasStartEnd() ? null : Boolean.FALSE, shapes,
                new LinkedHashMap<>(training), step);
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put(HEADER, GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
        sections.put(PARAMETERS, Floats.encode(values));
        if (optimizer != null) sections.putAll(OptimizerSections.encode(optimizer));
        return sections;
    }

    /**
     * Reads a model file (a checkpoint too: the trainer's sections are skipped).
     *
     * @throws ModelFileException if the file is not a model file, is from a newer format, is truncated or
     *     corrupt, or its parameters do not fit its header; the message names the file
     * @throws IOException if the file cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        return decode(readBytes(file), file.toString());
    }

    /** The model in {@code bytes}; {@code name} names it in messages. */
    static SavedModel decode(byte[] bytes, String name) throws ModelFileException {
        return fromSections(Sections.decode(bytes, name), name);
    }

    /** The bytes of {@code file}, after checks that name what is wrong with the path. */
    static byte[] readBytes(Path file) throws IOException {
        String name = file.toString();
        if (!Files.exists(file)) throw new NoSuchFileException(name, null, "no such model file; check the path");
        if (Files.isDirectory(file)) throw new ModelFileException(name + ": is a directory, not a model file");
        if (!Files.isReadable(file)) throw new AccessDeniedException(name, null, "cannot be read; check its permissions");
        return Files.readAllBytes(file);
    }

    /** The model of decoded sections; nothing is built until the header and the values are known to fit. */
    static SavedModel fromSections(Map<String, byte[]> sections, String name) throws ModelFileException {
        Header header = header(sections, name);
        byte[] values = sections.get(PARAMETERS);
        if (values == null) throw new ModelFileException(name + ": corrupt: no '" + PARAMETERS + "' section");
        List<ParameterShapes.Shape> listed = header.parameters();
        List<ParameterShapes.Shape> expected = expectedShapes(header, name);
        if (expected.size() != listed.size()) {
            throw new ModelFileException(name + ": lists " + listed.size() + " parameters, but " + describe(header)
                    + " has " + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            ParameterShapes.Shape s = listed.get(i);
            ParameterShapes.Shape e = expected.get(i);
            if (!e.equals(s)) {
                throw new ModelFileException(name + ": shape mismatch: parameter " + (i + 1) + " is " + s.name() + " "
                        + s.rows() + "x" + s.cols() + " in the file, but " + describe(header) + " has " + e.name()
                        + " " + e.rows() + "x" + e.cols());
            }
        }
        List<float[]> arrays = Floats.decode(values, expected.stream().map(ParameterShapes.Shape::size).toList());
        if (arrays == null) {
            throw new ModelFileException(name + ": corrupt: the parameter section holds " + values.length / Float.BYTES
                    + " values, the header's parameters need " + ParameterShapes.size(expected));
        }
        CharModel model = build(header, name);
        List<Parameter> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            Mat m = params.get(i).mat();
            ParameterShapes.Shape e = expected.get(i);
            if (!params.get(i).name().equals(e.name()) || m.rows != e.rows() || m.cols != e.cols()) {
                throw new IllegalStateException("ParameterShapes disagrees with the model: " + e + " vs "
                        + params.get(i).name() + " " + m.shape());
            }
            System.arraycopy(arrays.get(i), 0, m.w, m.offset, m.size());
        }
        OptimizerState optimizer = OptimizerSections.decode(sections, params, name);
        Map<String, String> training = header.training() == null ? Map.of() : header.training();
        return new SavedModel(model, training, header.step(), optimizer);
    }

    private static Header header(Map<String, byte[]> sections, String name) throws ModelFileException {
        byte[] bytes = sections.get(HEADER);
        if (bytes == null) throw new ModelFileException(name + ": corrupt: no '" + HEADER + "' section");
        Header h;
        try {
            h = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), Header.class);
        } catch (RuntimeException e) { // whatever Gson makes of bytes that are not our header
            throw new ModelFileException(name + ": corrupt header: " + Messages.firstLine(e));
        }
        if (h == null || !FORMAT.equals(h.format()) || h.kind() == null || h.hiddenSizes() == null
                || h.vocabulary() == null || h.parameters() == null || h.parameters().contains(null) || h.step() < 0
                || (h.training() != null && (h.training().containsKey(null) || h.training().containsValue(null)))) {
            throw new ModelFileException(name + ": corrupt header: a field is missing or invalid (format, kind, "
                    + "hiddenSizes, vocabulary, parameters, training or step)");
        }
        return h;
    }

    private static List<ParameterShapes.Shape> expectedShapes(Header h, String name) throws ModelFileException {
        try {
            return ParameterShapes.of(ModelKind.of(h.kind()), h.letterSize(), h.hiddenSizes(),
                    h.outputs(), ParameterShapes.limit(h.parameters().size()));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": the header does not describe a valid model: " + e.getMessage());
        }
    }

    private static CharModel build(Header h, String name) throws ModelFileException {
        try {
            Vocabulary vocabulary = h.hasStartEnd() ? Vocabulary.of(h.vocabulary())
                    : Vocabulary.withoutStartEnd(h.vocabulary());
            // Zero weights: every value is overwritten from the file.
            return CharModel.create(vocabulary, ModelKind.of(h.kind()), h.hiddenSizes(), h.letterSize(),
                    Init.uniform(0f), new SplittableRandom(0));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": the header does not describe a valid model: " + e.getMessage());
        }
    }

    private static String describe(Header h) {
        return h.kind() + " " + h.hiddenSizes() + " with letter size " + h.letterSize() + " and "
                + h.outputs() + " outputs";
    }
}
