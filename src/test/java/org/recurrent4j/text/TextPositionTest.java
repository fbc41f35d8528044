package org.recurrent4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

class TextPositionTest {

    @Test
    void countsLinesAndCodePointColumns() {
        String text = "ab\ncd😀e\r\nf\rg";
        assertEquals(new TextPosition(1, 1), TextPosition.of(text, 0));
        assertEquals(new TextPosition(1, 3), TextPosition.of(text, 2));
        assertEquals(new TextPosition(2, 1), TextPosition.of(text, 3));
        assertEquals(new TextPosition(2, 4), TextPosition.of(text, text.indexOf('e')));
        assertEquals(new TextPosition(3, 1), TextPosition.of(text, text.indexOf('f')));
        assertEquals(new TextPosition(4, 1), TextPosition.of(text, text.indexOf('g')));
        assertEquals("line 2, column 4", TextPosition.of(text, text.indexOf('e')).toString());
    }
}
