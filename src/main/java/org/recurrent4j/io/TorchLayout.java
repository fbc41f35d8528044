package org.recurrent4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recurrent4j.io.SafetensorsFile.Tensor;

/**
 * The tensors of a PyTorch character model ({@code nn.Embedding(V, E)}, an {@code nn.LSTM}, {@code nn.GRU} or
 * {@code nn.RNN} of L layers of H units, {@code nn.Linear(H, V)}) found in a safetensors file by their names'
 * suffixes under any module prefix, or under the prefixes given: the recurrent module by {@code weight_ih_l0} and
 * its kin, the embedding as the {@code weight} of E columns, the decoder as the {@code weight} of H columns with its
 * {@code bias}. Every shape is checked against the others and the vocabulary, and every tensor of the file must
 * have a place, so that a file of another architecture is refused rather than read in part.
 */
record TorchLayout(int gates, int hidden, int letterSize, boolean biases, Tensor embedding, Tensor[] weightIh,
                   Tensor[] weightHh, Tensor[] biasIh, Tensor[] biasHh, Tensor decoderWeight, Tensor decoderBias) {
    private static final Pattern RECURRENT =
            Pattern.compile("(.*)(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(\\d{1,6})(_reverse)?");

    int layers() {
        return weightIh.length;
    }

    /**
     * Finds the model in {@code tensors} for a vocabulary of {@code rows} embedding rows (and logits).
     *
     * @throws ModelFileException naming the file (and {@code vocabulary}, the vocabulary file, where the rows
     *     disagree) if a tensor is missing, misshapen, ambiguous or of another architecture
     */
    static TorchLayout find(Map<String, Tensor> tensors, int rows, ModuleNames names, String file, String vocabulary)
            throws ModelFileException {
        Finder f = new Finder(tensors, file);
        String rnn = f.recurrentPrefix(names.rnn());
        return f.layout(rnn, rows, names, vocabulary);
    }

    private static final class Finder {
        private final Map<String, Tensor> tensors;
        private final String file;
        private final Set<String> used = new LinkedHashSet<>();

        Finder(Map<String, Tensor> tensors, String file) {
            this.tensors = tensors;
            this.file = file;
        }

        /** The prefix of the recurrent module's tensors: the one given, or the only one there is. */
        String recurrentPrefix(String given) throws ModelFileException {
            Map<String, String> modules = new LinkedHashMap<>(); // prefix -> an example name
            for (String n : tensors.keySet()) {
                Matcher m = RECURRENT.matcher(n);
                if (m.matches()) modules.putIfAbsent(m.group(1), n);
            }
            if (given != null) {
                String prefix = ModuleNames.prefix(given);
                if (!modules.containsKey(prefix)) {
                    throw bad("--map rnn=" + given + ": no tensor is named " + prefix + "weight_ih_l0 or alike"
                            + (modules.isEmpty() ? "" : "; the recurrent modules here are " + modules(modules.keySet())));
                }
                return prefix;
            }
            if (modules.isEmpty()) {
                throw bad("no recurrent module: no tensor name ends in weight_ih_l0 (an nn.LSTM, nn.GRU or nn.RNN "
                        + "between an nn.Embedding and an nn.Linear is what can be imported)");
            }
            if (modules.size() > 1) {
                throw bad("the tensors of " + modules.size() + " recurrent modules (" + modules(modules.keySet())
                        + ") are here; name the one to import with --map rnn=NAME");
            }
            return modules.keySet().iterator().next();
        }

        TorchLayout layout(String rnn, int rows, ModuleNames names, String vocabulary) throws ModelFileException {
            int layers = 0;
            while (tensors.containsKey(rnn + "weight_ih_l" + layers)) layers++;
            for (String n : tensors.keySet()) {
                Matcher m = RECURRENT.matcher(n);
                if (!m.matches() || !m.group(1).equals(rnn)) continue;
                if (m.group(4) != null) {
                    throw bad(n + " belongs to a bidirectional module; only one direction can be imported");
                }
                if (m.group(2).equals("weight_hr")) {
                    throw bad(n + " is an LSTM projection (proj_size), which is not supported");
                }
                if (Integer.parseInt(m.group(3)) >= layers) {
                    throw bad(n + " has no " + rnn + "weight_ih_l" + m.group(3) + (layers > 0 ? " (layers 0 to "
                            + (layers - 1) + " are complete)" : ""));
                }
            }
            if (layers == 0) throw bad(rnn + "weight_ih_l0 is missing");
            Tensor[] ih = new Tensor[layers], hh = new Tensor[layers], bih = new Tensor[layers], bhh = new Tensor[layers];
            for (int k = 0; k < layers; k++) {
                ih[k] = take(rnn + "weight_ih_l" + k, true);
                hh[k] = take(rnn + "weight_hh_l" + k, true);
                bih[k] = take(rnn + "bias_ih_l" + k, false);
                bhh[k] = take(rnn + "bias_hh_l" + k, false);
            }
            String missingBias = null;
            int present = 0;
            for (int k = layers - 1; k >= 0; k--) {
                for (String kind : new String[] {"hh", "ih"}) {
                    if ((kind.equals("ih") ? bih[k] : bhh[k]) != null) present++;
                    else missingBias = rnn + "bias_" + kind + "_l" + k;
                }
            }
            if (present > 0 && missingBias != null) {
                throw bad(missingBias + " is missing while other biases are there; a module has bias_ih and bias_hh "
                        + "in every layer, or none (bias=False)");
            }
            boolean biases = present > 0;
            long[] hh0 = shape(hh[0], 2);
            long stacked = hh0[0], h = hh0[1];
            long gates = h > 0 && stacked % h == 0 ? stacked / h : 0;
            if (gates != 1 && gates != 3 && gates != 4) {
                throw bad(hh[0].name() + " is " + hh[0].shapeText() + ", not the recurrent weights of an nn.LSTM "
                        + "[4H, H], nn.GRU [3H, H] or nn.RNN [H, H]");
            }
            long e = shape(ih[0], 2)[1];
            for (int k = 0; k < layers; k++) {
                expect(ih[k], stacked, k == 0 ? e : h);
                expect(hh[k], stacked, h);
                if (biases) {
                    expect(bih[k], stacked);
                    expect(bhh[k], stacked);
                }
            }
            Tensor embedding = names.embedding() != null ? mapped("embedding", names.embedding(), "weight") : null;
            Tensor decoder = names.decoder() != null ? mapped("decoder", names.decoder(), "weight") : null;
            if (embedding == null || decoder == null) {
                List<Tensor> byE = candidates(e, decoder);
                List<Tensor> byH = candidates(h, embedding);
                if (embedding == null && decoder == null && e == h && byE.size() == 2) {
                    // Same width: the Linear is the one with a bias beside its weight.
                    List<Tensor> biased = byE.stream().filter(t -> sibling(t, "bias") != null).toList();
                    if (biased.size() == 1) {
                        decoder = biased.getFirst();
                        embedding = byE.get(byE.get(0) == decoder ? 1 : 0);
                    }
                }
                if (embedding == null) embedding = single(byE, "embedding", "an nn.Embedding(V, " + e + ") feeding "
                        + ih[0].name(), decoder);
                if (decoder == null) decoder = single(byH, "decoder", "an nn.Linear(" + h + ", V) reading the "
                        + "last layer", embedding);
            }
            used.add(embedding.name());
            used.add(decoder.name());
            if (embedding == decoder) throw bad(embedding.name() + " cannot be both the embedding and the decoder");
            long[] emb = shape(embedding, 2);
            long[] dec = shape(decoder, 2);
            if (emb[1] != e) expect(embedding, rows, e);
            if (dec[1] != h) expect(decoder, rows, h);
            for (Tensor t : new Tensor[] {embedding, decoder}) {
                if (t.shape()[0] != rows) {
                    throw bad("the vocabulary " + vocabulary + " gives " + rows + " rows, but " + t.name() + " is "
                            + t.shapeText() + "; give the vocabulary the model was trained with, in the order of the "
                            + "embedding's rows");
                }
            }
            Tensor bias = sibling(decoder, "bias");
            if (bias != null) {
                expect(bias, rows);
                used.add(bias.name());
            }
            for (String n : tensors.keySet()) {
                if (!used.contains(n)) {
                    throw bad("tensor " + JsonInput.quoted(n) + " has no place in an Embedding → " + (gates == 4
                            ? "LSTM" : gates == 3 ? "GRU" : "RNN") + " → Linear character model, the one architecture "
                            + "that can be imported (name the modules with --map if this one was misread)");
                }
            }
            return new TorchLayout((int) gates, (int) h, (int) e, biases, embedding, ih, hh, bih, bhh, decoder, bias);
        }

        /** The 2-D {@code weight} tensors outside the recurrent module with {@code cols} columns. */
        private List<Tensor> candidates(long cols, Tensor taken) {
            List<Tensor> out = new ArrayList<>();
            for (Tensor t : tensors.values()) {
                boolean weight = t.name().equals("weight") || t.name().endsWith(".weight");
                if (weight && t != taken && !used.contains(t.name()) && t.shape().length == 2 && t.shape()[1] == cols) {
                    out.add(t);
                }
            }
            return out;
        }

        private Tensor single(List<Tensor> found, String role, String what, Tensor other) throws ModelFileException {
            List<Tensor> left = found.stream().filter(t -> t != other).toList();
            if (left.size() == 1) return left.getFirst();
            if (left.isEmpty()) {
                throw bad("no " + role + ": no tensor named weight or *.weight has the shape of " + what);
            }
            throw bad(String.join(" and ", left.stream().map(Tensor::name).toList()) + " could each be the " + role
                    + "; name its module with --map " + role + "=NAME");
        }

        private Tensor mapped(String role, String module, String suffix) throws ModelFileException {
            Tensor t = tensors.get(ModuleNames.prefix(module) + suffix);
            if (t == null) {
                throw bad("--map " + role + "=" + module + ": the file has no tensor " + ModuleNames.prefix(module)
                        + suffix);
            }
            return t;
        }

        /** The tensor beside {@code t} in its module: {@code fc.bias} beside {@code fc.weight}. */
        private Tensor sibling(Tensor t, String suffix) {
            String n = t.name();
            return tensors.get(n.substring(0, n.length() - "weight".length()) + suffix);
        }

        private Tensor take(String n, boolean required) throws ModelFileException {
            Tensor t = tensors.get(n);
            if (t == null && required) throw bad(n + " is missing");
            if (t != null) used.add(n);
            return t;
        }

        private long[] shape(Tensor t, int rank) throws ModelFileException {
            if (t.shape().length != rank) {
                throw bad(t.name() + " is " + t.shapeText() + ", not a " + rank + "-dimensional tensor");
            }
            for (long d : t.shape()) {
                if (d < 1 || d > Integer.MAX_VALUE) throw bad(t.name() + " is " + t.shapeText() + ", with an empty side");
            }
            return t.shape();
        }

        private void expect(Tensor t, long... dims) throws ModelFileException {
            if (!java.util.Arrays.equals(t.shape(), dims)) {
                throw bad("shape mismatch: " + t.name() + " is " + t.shapeText() + ", the model the other tensors "
                        + "describe needs " + java.util.Arrays.toString(dims));
            }
        }

        private static String modules(Set<String> prefixes) {
            return String.join(", ", prefixes.stream().map(p -> p.isEmpty() ? "(top level)"
                    : p.substring(0, p.length() - 1)).toList());
        }

        private ModelFileException bad(String what) {
            return new ModelFileException(file + ": " + what);
        }
    }
}
