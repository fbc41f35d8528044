package org.recurrent4j.text;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.tensor.Mat;

/** Small data and models for the character-model tests. */
public final class TinyModels {
    public static final String SENTENCES = "the cat sat\non the mat\na cat\nthe hat is on the cat\nsat\n";

    private TinyModels() {}

    public static SentenceData sentences() {
        return SentenceData.fromText(SENTENCES, 1, "tiny");
    }

    public static CharModel lstm(Vocabulary v, long seed) {
        return CharModel.create(v, ModelKind.LSTM, List.of(8, 6), 4, Init.DEFAULT, new SplittableRandom(seed));
    }

    /** A model whose every parameter is zero, so every logit is zero: a uniform prediction over all indices. */
    public static CharModel zero(Vocabulary v) {
        CharModel m = lstm(v, 1);
        for (Parameter p : m.parameters()) Arrays.fill(p.mat().w, 0f);
        return m;
    }

    /** A copy of every parameter's values, in order. */
    public static float[][] values(CharModel m) {
        return m.parameters().stream().map(p -> {
            Mat x = p.mat();
            return Arrays.copyOfRange(x.w, x.offset, x.offset + x.size());
        }).toArray(float[][]::new);
    }

    /** A copy of every parameter's gradients, in order. */
    public static float[][] gradients(CharModel m) {
        return m.parameters().stream().map(p -> {
            Mat x = p.mat();
            return Arrays.copyOfRange(x.dw, x.offset, x.offset + x.size());
        }).toArray(float[][]::new);
    }
}
