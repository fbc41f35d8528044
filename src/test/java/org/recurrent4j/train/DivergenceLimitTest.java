package org.recurrent4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.optim.RmsProp;
import org.recurrent4j.tensor.Mat;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.SentenceData;
import org.recurrent4j.text.TinyModels;

/** Divergence is a loss far above an untrained model's, not only a NaN; an overflowed parameter is named. */
class DivergenceLimitTest {
    @Test
    void aFiniteLossFarAboveAnUntrainedModelsIsDivergence() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(data.vocabulary(), 3);
        Parameter bd = model.parameters().getLast();
        bd.mat().set(0, 0, 1e4f); // END takes every prediction: about 10,000 nats per character, finite
        float[][] before = TinyModels.values(model);
        Trainer t = Trainer.sentences(model, data, new RmsProp(), TrainingConfig.sentenceDefaults(), new SplitMix64(1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::step);
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("nats per character, over 100 × ln " + data.vocabulary().size()), e.getMessage());
        float[][] after = TinyModels.values(model);
        for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], "the parameters are untouched");
        assertEquals(0, t.steps());
    }

    @Test
    void anOverflowedParameterIsNamed() {
        SentenceData data = TinyModels.sentences();
        CharModel model = TinyModels.lstm(data.vocabulary(), 3);
        Trainer t = Trainer.sentences(model, data, new RmsProp(), TrainingConfig.sentenceDefaults(), new SplitMix64(1));
        assertNull(t.overflowedParameter());
        Mat wil = model.embedding();
        wil.set(1, 1, Float.NEGATIVE_INFINITY);
        assertEquals("Wil", t.overflowedParameter());
    }
}
