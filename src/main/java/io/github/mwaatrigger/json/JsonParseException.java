package io.github.mwaatrigger.json;

/**
 * Thrown when text is not the JSON that was asked for.
 *
 * <p>The message says what is wrong and where, for example {@code expected ',' or '}' after an
 * object member at line 1, column 12}. It never quotes the input, which may hold secrets, with
 * one exception: the name of a duplicated member. Lines end at {@code '\n'}; lines and columns
 * count from 1, and columns count UTF-16 code units.
 */
public final class JsonParseException extends RuntimeException {

    private JsonParseException(String problem, int line, int column) {
        super(problem + " at line " + line + ", column " + column);
    }

    /** Creates the exception for {@code problem} found at {@code offset} in {@code text}. */
    static JsonParseException at(String text, int offset, String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonParseException(problem, line, offset - lineStart + 1);
    }
}
