package org.recurrent4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Rnn;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;

/**
 * PyTorch character models in safetensors files, in and out: {@code nn.Embedding(V, E)}, an {@code nn.LSTM},
 * {@code nn.GRU} or {@code nn.RNN} of L layers of H units, and {@code nn.Linear(H, V)}, with a vocabulary file
 * giving the character of each of the V rows ({@link VocabularyFile}). An import finds the tensors by their
 * names' suffixes (or under the given module names), checks the file and every shape, and builds the model of kind
 * {@code lstm}, {@code gru-reset-after}, {@code rnn-tanh} or {@code rnn}; an export writes the state dict those
 * modules load with {@code load_state_dict(..., strict=True)}.
 */
public final class Safetensors {
    /** The largest file read: a character model is far smaller, and the whole file is read at once. */
    static final long MAX_FILE = Integer.MAX_VALUE - 64;
    /** The metadata key of the model kind an export records, so that an import knows a ReLU RNN as one. */
    static final String KIND = "recurrent4j.kind";

    private Safetensors() {}

    /**
     * Reads the model in {@code file} with the vocabulary in {@code vocabulary}. {@code names} gives module names
     * where suffixes alone are ambiguous ({@link ModuleNames#FIND} finds all three). {@code activation} is the
     * non-linearity of an {@code nn.RNN}; null takes the one an export recorded, else tanh (PyTorch's default).
     *
     * @throws ModelFileException naming the file and the problem: not a safetensors file, a header over 100 MB,
     *     offsets outside the file or overlapping, a dtype other than F32, F16 and BF16, a value that is not
     *     finite, a tensor missing, misshapen, ambiguous or of another architecture, or a vocabulary that does not
     *     fit the embedding
     * @throws IllegalArgumentException if {@code activation} is given for a model that is not an {@code nn.RNN}
     * @throws IOException if a file cannot be read
     */
    public static SavedModel read(Path file, Path vocabulary, ModuleNames names, Rnn.Activation activation)
            throws IOException {
        Vocabulary v = VocabularyFile.read(vocabulary);
        if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE) {
            throw new ModelFileException(file + ": is " + Files.size(file) + " bytes, more than a character model "
                    + "needs and than can be read at once (" + MAX_FILE + ")");
        }
        return decode(ModelFile.readBytes(file), file.toString(), v, vocabulary.toString(), names, activation);
    }

    /** The model in {@code bytes}; {@code name} and {@code vocabularyName} name the files in messages. */
    static SavedModel decode(byte[] bytes, String name, Vocabulary vocabulary, String vocabularyName, ModuleNames names,
                             Rnn.Activation activation) throws ModelFileException {
        SafetensorsFile.Contents contents = SafetensorsFile.decode(bytes, name);
        TorchLayout layout = TorchLayout.find(contents.tensors(), vocabulary.size(), names, name, vocabularyName);
        if (activation != null && layout.gates() != 1) {
            throw new IllegalArgumentException("the non-linearity is for an nn.RNN, and " + name + " holds an "
                    + (layout.gates() == 4 ? "nn.LSTM" : "nn.GRU"));
        }
        Rnn.Activation act = activation != null ? activation
                : "rnn".equals(contents.metadata().get(KIND)) ? Rnn.Activation.RELU : Rnn.Activation.TANH;
        ModelKind kind = TorchImport.kind(layout, act);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("imported-from", name);
        settings.put("format", "safetensors");
        return new SavedModel(TorchImport.build(layout, kind, vocabulary), settings, 0);
    }

    /**
     * Writes {@code model} to {@code file} as F32 safetensors under the module names {@code names}, and its
     * vocabulary as a JSON array to {@code vocabularyFile}, each atomically. Nothing is written if the model
     * cannot go to PyTorch.
     *
     * @throws IllegalArgumentException saying why a model cannot go to PyTorch: the classic GRU (it resets
     *     before the recurrent product), the gated-feedback kinds (torch.nn has no such module), layers of
     *     unequal sizes
     */
    public static void write(Path file, Path vocabularyFile, CharModel model, ModuleNames names) throws IOException {
        byte[] tensors = SafetensorsFile.encode(TorchExport.tensors(model, names), TorchExport.metadata(model, names));
        byte[] vocabulary = VocabularyFile.encode(model.vocabulary());
        AtomicFile.write(file, tensors);
        AtomicFile.write(vocabularyFile, vocabulary);
    }

    /** The vocabulary file written beside {@code file} unless told otherwise: {@code vocab.json} in its directory. */
    public static Path vocabularyBeside(Path file) {
        Path dir = file.getParent();
        return dir == null ? Path.of("vocab.json") : dir.resolve("vocab.json");
    }
}
