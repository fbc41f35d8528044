package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void indicesFollowCodePointOrderFromOne() {
        Vocabulary v = Vocabulary.fromText("hello world");
        // distinct: ' ' d e h l o r w, sorted by code point
        assertEquals(List.of(" ", "d", "e", "h", "l", "o", "r", "w"), v.characters());
        assertEquals(9, v.size());
        assertEquals(1, v.indexOf(' '));
        assertEquals(5, v.indexOf('l'));
        assertEquals(8, v.indexOf('w'));
        assertEquals('w', v.codePointAt(8));
        assertEquals(0, Vocabulary.START);
        assertEquals(0, Vocabulary.END);
    }

    @Test
    void indexZeroIsNotACharacter() {
        Vocabulary v = Vocabulary.fromText("ab");
        var e = assertThrows(IllegalArgumentException.class, () -> v.codePointAt(0));
        assertTrue(e.getMessage().contains("START/END"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.codePointAt(3));
        assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {1, 0}));
    }

    @Test
    void withoutStartEndTheCharactersAreNumberedFromZeroInTheGivenOrder() {
        Vocabulary v = Vocabulary.withoutStartEnd(List.of("b", "\n", "a"));
        assertFalse(v.hasStartEnd());
        assertEquals(0, v.firstIndex());
        assertEquals(3, v.size());
        assertEquals(0, v.indexOf('b'));
        assertEquals(1, v.indexOf('\n'));
        assertEquals('a', v.codePointAt(2));
        assertTrue(v.contains('b'));
        assertArrayEquals(new int[] {2, 0, 1}, v.encode("ab\n"));
        assertEquals("ab\n", v.decode(new int[] {2, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> v.codePointAt(3));
        assertThrows(IllegalArgumentException.class, () -> v.codePointAt(-1));
        Vocabulary same = Vocabulary.ofCodePoints('b', '\n', 'a');
        assertTrue(same.hasStartEnd() && same.firstIndex() == 1 && same.size() == 4);
        assertEquals(v.characters(), same.characters());
        assertFalse(v.equals(same), "START/END is part of a vocabulary's identity");
        assertEquals(v, Vocabulary.withoutStartEnd(List.of("b", "\n", "a")));
        assertEquals(v.hashCode(), Vocabulary.withoutStartEnd(List.of("b", "\n", "a")).hashCode());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.withoutStartEnd(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.withoutStartEnd(List.of("ab")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.withoutStartEnd(List.of()));
    }

    @Test
    void thresholdKeepsCharactersWhoseCountReachesIt() {
        Vocabulary v = Vocabulary.fromText("aaabbc", 2);
        assertEquals(List.of("a", "b"), v.characters());
        assertFalse(v.contains('c'));
        assertEquals(List.of("a"), Vocabulary.fromText("aaabbc", 3).characters());
        var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText("aaabbc", 4));
        assertTrue(e.getMessage().contains("at least 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText("abc", 0));
    }

    @Test
    void encodeAndDecodeRoundTrip() {
        Vocabulary v = Vocabulary.fromText("the cat sat");
        int[] encoded = v.encode("cat sat the");
        assertEquals(11, encoded.length);
        for (int i : encoded) assertTrue(i >= 1 && i < v.size());
        assertEquals("cat sat the", v.decode(encoded));
    }

    @Test
    void supplementaryCodePointIsOneCharacter() {
        String text = "a😀b😀";
        Vocabulary v = Vocabulary.fromText(text);
        assertEquals(4, v.size());
        assertEquals(List.of("a", "b", "😀"), v.characters());
        assertEquals(0x1F600, v.codePointAt(3));
        assertArrayEquals(new int[] {1, 3, 2, 3}, v.encode(text));
        assertEquals(text, v.decode(v.encode(text)));
        assertTrue(v.contains(0x1F600));
    }

    @Test
    void unknownCharacterIsNamedWithItsPosition() {
        Vocabulary v = Vocabulary.fromText("abc");
        var e = assertThrows(IllegalArgumentException.class, () -> v.indexOf('é'));
        assertTrue(e.getMessage().contains("'é' (U+00E9)"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> v.encode("ab😀c"));
        assertTrue(e.getMessage().contains("'😀' (U+1F600) at position 3"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> v.indexOf('\n', 4, 17));
        assertTrue(e.getMessage().contains("'\\n' (U+000A) at line 4, column 17"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> v.indexOf(0x200B));
        assertTrue(e.getMessage().contains("character U+200B is not"), e.getMessage());
    }

    @Test
    void moreThanTenThousandCharactersAreRefused() {
        StringBuilder sb = new StringBuilder();
        for (int cp = 0x4E00; cp < 0x4E00 + Vocabulary.MAX_CHARACTERS; cp++) sb.appendCodePoint(cp);
        assertEquals(Vocabulary.MAX_CHARACTERS + 1, Vocabulary.fromText(sb).size());
        sb.appendCodePoint(0x4E00 + Vocabulary.MAX_CHARACTERS);
        var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText(sb));
        assertTrue(e.getMessage().contains("10,001 distinct characters")
                && e.getMessage().contains("limit of 10,000"), e.getMessage());
    }

    @Test
    void emptyTextIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText(""));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void explicitListKeepsItsOrder() {
        Vocabulary v = Vocabulary.of(List.of("z", "a", "😀"));
        assertEquals(1, v.indexOf('z'));
        assertEquals(2, v.indexOf('a'));
        assertEquals(3, v.indexOf(0x1F600));
        assertEquals(List.of("z", "a", "😀"), v.characters());
        assertArrayEquals(new int[] {'z', 'a', 0x1F600}, v.codePoints());
        assertEquals(v, Vocabulary.ofCodePoints('z', 'a', 0x1F600));
        assertEquals(v, Vocabulary.of(v.characters()));
    }

    @Test
    void explicitListIsChecked() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("'a' (U+0061) is listed twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("ab")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofCodePoints(0xD800));
    }
}
