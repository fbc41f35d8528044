package org.recurrent4j.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.Evaluation;
import org.recurrent4j.text.Evaluator;
import org.recurrent4j.text.SentenceData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: how well a model predicts a text. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Measure a model file on a text: total nats, number of predictions, bits per character and "
                + "perplexity (e^(nats / predictions)).",
            "--sentences: each line is a sentence read from the zero state, with n + 1 predictions (its characters "
                    + "and END); a model imported from PyTorch has no START/END and reads only --data. --data: the "
                    + "whole file as one continuous text, every character after the first predicted."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file written by 'train'.")
    Path model;

    @Option(names = "--sentences", paramLabel = "FILE", description = "A UTF-8 file with one sentence per line.")
    Path sentences;

    @Option(names = "--data", paramLabel = "FILE", description = "A UTF-8 text file, read as continuous text.")
    Path data;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1",
            description = "--data: cut the text into N pieces read in parallel, each from the zero state; faster, "
                    + "slightly different (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--json", description = "Print one JSON object with the keys nats, predictions, bitsPerChar, perplexity.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        if ((sentences == null) == (data == null)) throw OptionChecks.bad(cmd, "give one of --sentences FILE or --data FILE");
        OptionChecks.atLeast(cmd, "--streams", streams, 1);
        CharModel m = ModelFile.load(model).model();
        if (sentences != null && !m.vocabulary().hasStartEnd()) {
            throw OptionChecks.bad(cmd, "--sentences: " + model + " has no START/END index (a model imported from "
                    + "PyTorch), which sentence mode needs; evaluate it on continuous text with --data");
        }
        Evaluation e = sentences != null
                ? Evaluator.sentences(m, SentenceData.read(sentences, m.vocabulary()))
                : Evaluator.corpus(m, CorpusData.read(data, m.vocabulary()), streams);
        PrintWriter out = cmd.getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("nats", e.nats());
            o.put("predictions", e.predictions());
            o.put("bitsPerChar", e.bitsPerChar());
            o.put("perplexity", e.perplexity());
            out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(o));
        } else {
            out.printf(Locale.ROOT, "nats            %.3f%n", e.nats());
            out.printf(Locale.ROOT, "predictions     %,d%n", e.predictions());
            out.printf(Locale.ROOT, "bits per char   %.4f%n", e.bitsPerChar());
            out.printf(Locale.ROOT, "perplexity      %.4f%n", e.perplexity());
        }
        out.flush();
        return 0;
    }
}
