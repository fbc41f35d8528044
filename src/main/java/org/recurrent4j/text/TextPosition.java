package org.recurrent4j.text;

/** A 1-based line and column (counted in code points) inside a text, for error messages. */
record TextPosition(long line, long column) {

    /** The position of the char at {@code charIndex} in {@code text}; lines end at \n, \r\n or \r. */
    static TextPosition of(CharSequence text, int charIndex) {
        long line = 1;
        long column = 1;
        for (int i = 0; i < charIndex; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (!(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) && c != '\r') {
                column++;
            }
        }
        return new TextPosition(line, column);
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
