package org.recurrent4j.io;

import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.OptimizerState;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;

/**
 * Models in RecurrentJS's JSON (docs/interchange.md), the format of its {@code saveModel} and {@code loadModel}:
 * <pre>
 * {"hidden_sizes": [20, 20], "generator": "lstm", "letter_size": 5,
 *  "model": {"Wil": {"n": 51, "d": 5, "w": [...]}, "Wix0": {...}, ...},
 *  "solver": {"decay_rate": 0.999, "smooth_eps": 1e-8, "step_cache": {"Wil": {"n", "d", "w"}, ...}},
 *  "letterToIndex": {"a": 1, ...}, "indexToLetter": {"1": "a", ...}, "vocab": ["a", ...]}
 * </pre>
 * Matrices are row-major. {@code generator} is the model kind ({@code rnn} and {@code lstm} are RecurrentJS's own;
 * the other kinds are written the same way under their own names and parameter names). Floats are written by
 * {@link Float#toString} and read straight from their text, so an export read back gives the same numbers.
 */
public final class RecurrentJs {
    /** The settings under which an import records the solver's decay rate and epsilon, for the next export. */
    static final String DECAY_RATE = "decay_rate";
    static final String SMOOTH_EPS = "smooth_eps";

    private RecurrentJs() {}

    /**
     * Writes {@code saved} as RecurrentJS JSON to {@code file}, atomically. The solver's {@code step_cache} is the
     * model's RMSProp cache when it has one; otherwise (another optimizer, or no optimizer state in the file) it is
     * zeros, which is what RecurrentJS's solver starts from.
     *
     * @return whether {@code step_cache} holds the RMSProp cache (false: zeros were written)
     * @throws IllegalArgumentException if a parameter holds NaN or an infinity, which JSON cannot carry, or if the
     *     model's vocabulary has no START/END index, which RecurrentJS's format assumes
     */
    public static boolean write(Path file, SavedModel saved) throws IOException {
        CharModel model = saved.model();
        if (!model.vocabulary().hasStartEnd()) {
            throw new IllegalArgumentException("the model's vocabulary has no START/END index (a model imported from "
                    + "PyTorch), and RecurrentJS's format numbers characters from 1 after it; export it as safetensors");
        }
        OptimizerState state = saved.optimizer();
        boolean cache = state != null && state.kind().equals("rmsprop");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonWriter out = new JsonWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            out.setHtmlSafe(false);
            out.beginObject();
            out.name("hidden_sizes").beginArray();
            for (int h : model.hiddenSizes()) out.value(h);
            out.endArray();
            out.name("generator").value(model.kind());
            out.name("letter_size").value(model.letterSize());
            out.name("model").beginObject();
            for (Parameter p : model.parameters()) {
                Mat m = p.mat();
                matrix(out, p.name(), m, java.util.Arrays.copyOfRange(m.w, m.offset, m.offset + m.size()));
            }
            out.endObject();
            out.name("solver").beginObject();
            out.name("decay_rate").jsonValue(number(saved.training(), DECAY_RATE, RmsProp.DECAY));
            out.name("smooth_eps").jsonValue(number(saved.training(), SMOOTH_EPS, RmsProp.EPS));
            out.name("step_cache").beginObject();
            for (Parameter p : model.parameters()) {
                float[] c = cache ? state.buffers().get(p.name()) : null;
                matrix(out, p.name(), p.mat(), c != null ? c : new float[p.mat().size()]);
            }
            out.endObject();
            out.endObject();
            List<String> vocab = model.vocabulary().characters();
            out.name("letterToIndex").beginObject();
            for (int i = 0; i < vocab.size(); i++) out.name(vocab.get(i)).value(i + 1);
            out.endObject();
            out.name("indexToLetter").beginObject();
            for (int i = 0; i < vocab.size(); i++) out.name(Integer.toString(i + 1)).value(vocab.get(i));
            out.endObject();
            out.name("vocab").beginArray();
            for (String c : vocab) out.value(c);
            out.endArray();
            out.endObject();
        }
        AtomicFile.write(file, bytes.toByteArray());
        return cache;
    }

    private static void matrix(JsonWriter out, String name, Mat shape, float[] w) throws IOException {
        out.name(name).beginObject();
        out.name("n").value(shape.rows);
        out.name("d").value(shape.cols);
        out.name("w").beginArray();
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + w[i] + ", which JSON cannot hold");
            }
            out.jsonValue(Float.toString(w[i]));
        }
        out.endArray();
        out.endObject();
    }

    /** A recorded setting if it is a finite number, else the default, as JSON number text. */
    private static String number(Map<String, String> settings, String key, float fallback) {
        try {
            double x = Double.parseDouble(settings.getOrDefault(key, ""));
            if (Double.isFinite(x)) return Double.toString(x);
        } catch (NumberFormatException e) {
            // not recorded: the default
        }
        return Float.toString(fallback);
    }

    /**
     * Reads a RecurrentJS JSON model: the model, and the solver's step cache as RMSProp state if the file has a
     * solver (files without one load too). The settings record where it came from.
     *
     * @throws ModelFileException naming the file and what is wrong: not UTF-8 or not JSON, a missing key, a
     *     vocabulary that does not fit itself or the matrices, a missing, extra or misshapen matrix, a value that
     *     is not a finite number
     * @throws IOException if the file cannot be read
     */
    public static SavedModel read(Path file) throws IOException {
        return decode(ModelFile.readBytes(file), file.toString());
    }

    /** The model in {@code bytes}; {@code name} names it in messages. */
    static SavedModel decode(byte[] bytes, String name) throws ModelFileException {
        if (bytes.length == 0) throw new ModelFileException(name + ": is empty; give a RecurrentJS JSON model");
        if (bytes.length >= Sections.SIGNATURE.length
                && java.util.Arrays.equals(bytes, 0, Sections.SIGNATURE.length, Sections.SIGNATURE, 0, Sections.SIGNATURE.length)) {
            throw new ModelFileException(name + ": is a recurrent4j model file, not JSON; it needs no import");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(name + ": is not UTF-8 text, so not a RecurrentJS JSON model");
        }
        return RecurrentJsImport.build(RecurrentJsParser.parse(name, text), name);
    }
}
