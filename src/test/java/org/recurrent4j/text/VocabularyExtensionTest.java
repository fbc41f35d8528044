package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recurrent4j.graph.Graph;
import org.recurrent4j.model.Init;
import org.recurrent4j.model.ModelKind;
import org.recurrent4j.model.Parameter;
import org.recurrent4j.model.State;
import org.recurrent4j.tensor.Mat;

/** A trained model over a larger vocabulary: its characters keep their indices and rows, new ones get fresh rows. */
class VocabularyExtensionTest {

    @Test
    void theMissingCharactersComeInTheOtherVocabularysOrder() {
        Vocabulary own = Vocabulary.fromText("the cat");
        Vocabulary other = Vocabulary.fromText("the cat sat! QZ");
        assertArrayEquals(new int[] {'!', 'Q', 'Z', 's'}, own.missing(other));
        assertEquals(0, own.missing(Vocabulary.fromText("hat")).length);
        assertEquals("'!' (U+0021), 'Q' (U+0051) and 2 more", Vocabulary.describe(own.missing(other), 2));
        assertEquals("'\\n' (U+000A)", Vocabulary.describe(new int[] {'\n'}, 5));
    }

    @Test
    void anExtendedVocabularyKeepsEveryIndexAndItsForm() {
        Vocabulary own = Vocabulary.fromText("the cat");
        Vocabulary larger = own.extendedWith('Q', '!');
        for (int i = own.firstIndex(); i < own.size(); i++) assertEquals(own.codePointAt(i), larger.codePointAt(i));
        assertEquals('Q', larger.codePointAt(own.size()));
        assertEquals('!', larger.codePointAt(own.size() + 1));
        Vocabulary imported = Vocabulary.withoutStartEnd(List.of("a", "b"));
        assertFalse(imported.extendedWith('c').hasStartEnd());
        assertEquals(2, imported.extendedWith('c').indexOf('c'));
        assertThrows(IllegalArgumentException.class, () -> own.extendedWith('c'), "already in it");
    }

    @Test
    void theExtendedModelKeepsEveryTrainedValueAndDrawsTheNewRowsAsANewModelWould() {
        Vocabulary own = Vocabulary.fromText("the cat sat");
        CharModel model = CharModel.create(own, ModelKind.GRU, List.of(6, 5), 4, Init.DEFAULT, new SplittableRandom(1));
        Vocabulary larger = own.extendedWith('Q', 'Z');
        CharModel extended = model.withVocabulary(larger, Init.DEFAULT, new SplittableRandom(2));
        CharModel fresh = CharModel.create(larger, ModelKind.GRU, List.of(6, 5), 4, Init.DEFAULT, new SplittableRandom(2));
        assertEquals(larger, extended.vocabulary());
        List<Parameter> before = model.parameters();
        for (int i = 0; i < before.size(); i++) {
            Mat old = before.get(i).mat();
            Mat now = extended.parameters().get(i).mat();
            Mat drawn = fresh.parameters().get(i).mat();
            assertArrayEquals(Arrays.copyOfRange(old.w, old.offset, old.offset + old.size()),
                    Arrays.copyOfRange(now.w, now.offset, now.offset + old.size()), before.get(i).name());
            assertArrayEquals(Arrays.copyOfRange(drawn.w, drawn.offset + old.size(), drawn.offset + drawn.size()),
                    Arrays.copyOfRange(now.w, now.offset + old.size(), now.offset + now.size()),
                    before.get(i).name() + ": the new rows");
        }
        // the old characters' logits are the old model's
        int[] text = own.encode("the cat");
        Mat a = logits(model, text);
        Mat b = logits(extended, text);
        for (int o = 0; o < own.size(); o++) assertEquals(a.get(o, 0), b.get(o, 0), "logit " + o);
    }

    @Test
    void onlyAnExtensionIsAccepted() {
        Vocabulary own = Vocabulary.fromText("the cat");
        CharModel model = CharModel.create(own, ModelKind.LSTM, List.of(4), 3, Init.DEFAULT, new SplittableRandom(1));
        for (Vocabulary other : List.of(Vocabulary.fromText("the cat!"), Vocabulary.fromText("cat"),
                Vocabulary.withoutStartEnd(List.of(" ", "a", "c", "e", "h", "t", "!")))) {
            assertThrows(IllegalArgumentException.class, () -> model.withVocabulary(other, Init.DEFAULT,
                    new SplittableRandom(1)), other.toString());
        }
    }

    private static Mat logits(CharModel m, int[] text) {
        Graph g = new Graph(false);
        State s = m.initialState(1);
        for (int ix : text) s = m.forward(g, ix, s);
        return s.output();
    }
}
