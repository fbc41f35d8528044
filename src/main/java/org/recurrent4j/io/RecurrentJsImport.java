package org.recurrent4j.io;

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
 * Turns the parts of a RecurrentJS file into a model: checks that the keys are there, that the vocabulary's three
 * forms agree with each other and with the matrices, and that {@code model} holds exactly the parameters of the
 * generator and sizes with their shapes, all before the model is built. A {@code solver}'s step cache becomes the
 * RMSProp state; a file without one (older RecurrentJS) is read all the same.
 */
final class RecurrentJsImport {
    static final List<String> REQUIRED = List.of("hidden_sizes", "generator", "letter_size", "model", "letterToIndex",
            "indexToLetter", "vocab");

    private RecurrentJsImport() {}

    static SavedModel build(RecurrentJsParser.Parsed p, String name) throws ModelFileException {
        Object[] parts = {p.hiddenSizes(), p.generator(), p.letterSize(), p.model(), p.letterToIndex(),
            p.indexToLetter(), p.vocab()};
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new ModelFileException(name + ": the key '" + REQUIRED.get(i) + "' is missing; a RecurrentJS model "
                        + "has " + String.join(", ", REQUIRED));
            }
        }
        ModelKind kind;
        Vocabulary vocabulary;
        try {
            kind = ModelKind.of(p.generator());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": generator: " + e.getMessage());
        }
        try {
            vocabulary = Vocabulary.of(p.vocab());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": vocab: " + e.getMessage());
        }
        checkIndices(p, name);
        String model = kind + " " + p.hiddenSizes() + " with letter size " + p.letterSize();
        List<ParameterShapes.Shape> expected;
        try {
            expected = ParameterShapes.of(kind, p.letterSize(), p.hiddenSizes(), vocabulary.size(),
                    ParameterShapes.limit(p.model().size()));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": hidden_sizes " + p.hiddenSizes() + ", letter_size " + p.letterSize()
                    + " and the model's " + p.model().size() + " matrices do not describe a " + kind + ": " + e.getMessage());
        }
        checkMatrices("model", p.model(), expected, true, model, vocabulary, name);
        if (p.stepCache() != null) checkMatrices("solver.step_cache", p.stepCache(), expected, false, model, vocabulary, name);

        CharModel m = CharModel.create(vocabulary, kind, p.hiddenSizes(), p.letterSize(), Init.uniform(0f),
                new SplittableRandom(0));
        for (Parameter param : m.parameters()) {
            Mat x = param.mat();
            System.arraycopy(p.model().get(param.name()).w(), 0, x.w, x.offset, x.size());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("imported-from", name);
        settings.put("format", "recurrentjs");
        OptimizerState optimizer = null;
        if (p.hasSolver()) {
            if (p.decayRate() != null) settings.put(RecurrentJs.DECAY_RATE, Double.toString(p.decayRate()));
            if (p.smoothEps() != null) settings.put(RecurrentJs.SMOOTH_EPS, Double.toString(p.smoothEps()));
            Map<String, float[]> buffers = new LinkedHashMap<>();
            if (p.stepCache() != null) {
                for (Parameter param : m.parameters()) {
                    MatrixJson.Matrix c = p.stepCache().get(param.name());
                    if (c != null) buffers.put(param.name(), c.w());
                }
            }
            optimizer = new OptimizerState("rmsprop", 0, buffers);
        }
        return new SavedModel(m, settings, 0, optimizer);
    }

    /** letterToIndex maps vocab[i] to i + 1 and indexToLetter maps "i + 1" to vocab[i], for every i and nothing else. */
    private static void checkIndices(RecurrentJsParser.Parsed p, String name) throws ModelFileException {
        List<String> vocab = p.vocab();
        String hint = "; vocab, letterToIndex and indexToLetter must describe the same characters in the same order";
        if (p.letterToIndex().size() != vocab.size() || p.indexToLetter().size() != vocab.size()) {
            throw new ModelFileException(name + ": vocab has " + vocab.size() + " characters, letterToIndex "
                    + p.letterToIndex().size() + " and indexToLetter " + p.indexToLetter().size() + hint);
        }
        for (int i = 0; i < vocab.size(); i++) {
            String c = vocab.get(i);
            Integer index = p.letterToIndex().get(c);
            if (index == null || index != i + 1) {
                throw new ModelFileException(name + ": letterToIndex[" + JsonInput.quoted(c) + "] is " + index
                        + ", but vocab has that character at index " + (i + 1) + hint);
            }
            if (!c.equals(p.indexToLetter().get(Integer.toString(i + 1)))) {
                throw new ModelFileException(name + ": indexToLetter[\"" + (i + 1) + "\"] is "
                        + JsonInput.quoted(String.valueOf(p.indexToLetter().get(Integer.toString(i + 1))))
                        + ", but vocab has " + JsonInput.quoted(c) + " there" + hint);
            }
        }
    }

    /** The matrices are exactly the expected parameters (all of them, or a subset for the step cache), shape for shape. */
    private static void checkMatrices(String where, Map<String, MatrixJson.Matrix> matrices,
                                      List<ParameterShapes.Shape> expected, boolean all, String model,
                                      Vocabulary vocabulary, String name) throws ModelFileException {
        Map<String, ParameterShapes.Shape> byName = new LinkedHashMap<>();
        for (ParameterShapes.Shape s : expected) byName.put(s.name(), s);
        for (String key : matrices.keySet()) {
            if (!byName.containsKey(key)) {
                throw new ModelFileException(name + ": " + where + "." + JsonInput.quoted(key).replace("\"", "")
                        + " is not a parameter of a " + model + " (it has " + ParameterShapes.names(expected) + ")");
            }
        }
        for (ParameterShapes.Shape s : expected) {
            MatrixJson.Matrix m = matrices.get(s.name());
            if (m == null) {
                if (!all) continue;
                throw new ModelFileException(name + ": " + where + "." + s.name() + " is missing; a " + model + " has "
                        + ParameterShapes.names(expected));
            }
            if (m.n() == s.rows() && m.d() == s.cols()) continue;
            boolean vocabularyRows = s.name().equals("Wil") || s.name().equals("Whd") || s.name().equals("bd");
            if (vocabularyRows && m.n() != s.rows()) {
                throw new ModelFileException(name + ": the vocabulary has " + (vocabulary.size() - 1) + " characters ("
                        + vocabulary.size() + " rows with START/END), but " + where + "." + s.name() + " has " + m.n()
                        + " rows; vocab, letterToIndex and indexToLetter must match the matrices");
            }
            throw new ModelFileException(name + ": " + where + "." + s.name() + " is " + m.n() + "x" + m.d() + ", a "
                    + model + " needs " + s.rows() + "x" + s.cols());
        }
    }
}
