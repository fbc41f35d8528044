package org.recurrent4j.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recurrent4j.cli.options.OptionChecks;
import org.recurrent4j.io.ModelFile;
import org.recurrent4j.io.StrictJson;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.Evaluation;
import org.recurrent4j.text.Evaluator;
import org.recurrent4j.text.SentenceData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    Options.ModelInput input;

    @Mixin
    Options.Texts texts;

    @Option(names = "--streams", paramLabel = "N", defaultValue = "1",
            description = "--data: cut the text into N pieces read in parallel, each from the zero state; faster, "
                    + "slightly different (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--json", description = "Print one JSON object with the keys nats, predictions, bitsPerChar, perplexity.")
    boolean json;

    /** The --data text; a line break that a sentence-mode model never saw is named as such. */
    private CorpusData corpus(CharModel m) throws IOException {
        try {
            return CorpusData.read(texts.data, m.vocabulary());
        } catch (IllegalArgumentException e) {
            boolean sentenceModel = m.vocabulary().hasStartEnd() && !m.vocabulary().contains('\n');
            if (!sentenceModel || !e.getMessage().startsWith("character '\\n'")) throw e;
            throw new IllegalArgumentException(e.getMessage() + "; the model was trained on sentences (train "
                    + "--sentences), one per line, so it has never seen a line break: evaluate it with --sentences "
                    + texts.data, e);
        }
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        if ((texts.sentences == null) == (texts.data == null)) {
            throw OptionChecks.bad(cmd, "give one of --sentences FILE or --data FILE");
        }
        OptionChecks.atLeast(cmd, "--streams", streams, 1);
        CharModel m = ModelFile.load(input.model).model();
        if (texts.sentences != null && !m.vocabulary().hasStartEnd()) {
            throw OptionChecks.bad(cmd, "--sentences: " + input.model + " has no START/END index (a model imported "
                    + "from PyTorch), which sentence mode needs; evaluate it on continuous text with --data");
        }
        Evaluation e = texts.sentences != null
                ? Evaluator.sentences(m, SentenceData.read(texts.sentences, m.vocabulary()))
                : Evaluator.corpus(m, corpus(m), streams);
        PrintWriter out = cmd.getOut();
        if (json) {
            JsonObject o = new JsonObject();
            o.add("nats", StrictJson.number(e.nats()));
            o.addProperty("predictions", e.predictions());
            o.add("bitsPerChar", StrictJson.number(e.bitsPerChar()));
            o.add("perplexity", StrictJson.number(e.perplexity()));
            out.println(StrictJson.GSON.toJson(o));
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
