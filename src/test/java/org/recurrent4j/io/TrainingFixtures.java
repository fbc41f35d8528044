package org.recurrent4j.io;

import java.util.Arrays;
import java.util.List;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.optim.Optimizer;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.CorpusData;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.train.SplitMix64;
import org.recurrent4j.train.Trainer;
import org.recurrent4j.train.TrainingConfig;

/** Tiny trainers for the checkpoint tests. */
final class TrainingFixtures {
    static final SentenceData SENTENCES = SentenceData.fromText(
            "the cat sat\non the mat\na cat\nthe hat is on the cat\nsat\n", 1, "tiny");
    static final CorpusData CORPUS = CorpusData.fromText(
            "the cat sat on the mat. a cat. the hat is on the cat. ".repeat(4), "tiny corpus");
    static final TrainingConfig SENTENCE_CONFIG = TrainingConfig.sentenceDefaults().withBatch(2).withReportEvery(4);
    static final TrainingConfig CORPUS_CONFIG = TrainingConfig.corpusDefaults().withBatch(2).withSeqLength(5)
            .withReportEvery(3);

    private TrainingFixtures() {}

    static CharModel sentenceModel(ModelKind kind, long seed) {
        return CharModel.create(SENTENCES.vocabulary(), kind, List.of(6, 5), 3, Init.DEFAULT, new SplitMix64(seed));
    }

    static Trainer sentences(CharModel model, Optimizer optimizer, long seed) {
        return Trainer.sentences(model, SENTENCES, optimizer, SENTENCE_CONFIG, new SplitMix64(seed));
    }

    static Trainer corpus(CharModel model, Optimizer optimizer) {
        return Trainer.corpus(model, CORPUS, optimizer, CORPUS_CONFIG);
    }

    static CharModel corpusModel(ModelKind kind, long seed) {
        return CharModel.create(CORPUS.vocabulary(), kind, List.of(6, 5), 3, Init.DEFAULT, new SplitMix64(seed));
    }

    static float[][] values(CharModel m) {
        return m.parameters().stream().map(p -> {
            Mat x = p.mat();
            return Arrays.copyOfRange(x.w, x.offset, x.offset + x.size());
        }).toArray(float[][]::new);
    }
}
