package org.recurrent4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.recurrent4j.text.CharModel;
import org.recurrent4j.text.Vocabulary;
import org.recurrent4j.train.TrainingConfig;

/**
 * What an executor needs to build a partition's trainer, in plain serializable fields: the run's identity (its
 * workers are cached under it), the model's kind, sizes and vocabulary, the optimizer, and the step settings of
 * one partition ({@code batch} being its own streams). {@code threads} is the kernel pool's size to set on the
 * executors, or 0 to leave theirs.
 */
record WorkerSpec(String runId, String kind, int[] hidden, int embed, int[] codePoints, boolean startEnd,
                  String optimizer, float learningRate, float regc, float clip, int batch, int seqLength,
                  int reportEvery, int validateEvery, int configThreads, int threads) implements Serializable {

    static WorkerSpec of(String runId, CharModel model, String optimizer, TrainingConfig partitionConfig, int threads) {
        return new WorkerSpec(runId, model.kind(), model.hiddenSizes().stream().mapToInt(Integer::intValue).toArray(),
                model.letterSize(), model.vocabulary().codePoints(), model.vocabulary().hasStartEnd(), optimizer,
                partitionConfig.learningRate(), partitionConfig.regc(), partitionConfig.clip(), partitionConfig.batch(),
                partitionConfig.seqLength(), partitionConfig.reportEvery(), partitionConfig.validateEvery(),
                partitionConfig.threads(), threads);
    }

    TrainingConfig config() {
        return new TrainingConfig(learningRate, regc, clip, batch, seqLength, reportEvery, validateEvery, configThreads);
    }

    Vocabulary vocabulary() {
        if (startEnd) return Vocabulary.ofCodePoints(codePoints);
        List<String> characters = new ArrayList<>(codePoints.length);
        for (int cp : codePoints) characters.add(Character.toString(cp));
        return Vocabulary.withoutStartEnd(characters);
    }

    List<Integer> hiddenSizes() {
        List<Integer> sizes = new ArrayList<>(hidden.length);
        for (int h : hidden) sizes.add(h);
        return sizes;
    }
}
