package io.github.mwaatrigger.json;

import java.io.IOException;
import java.io.ObjectOutputStream;

/**
 * Thrown when text is not the JSON that was asked for.
 *
 * <p>The message says what is wrong and where, for example {@code expected ',' or '}' after an
 * object member at line 1, column 12}. It never quotes the input, which may hold secrets, with
 * one exception: the name of a duplicated member. Lines end at {@code '\n'}; lines and columns
 * count from 1, and columns count UTF-16 code units.
 *
 * <p>The line and column are worked out when the message is first asked for, not when the
 * exception is thrown: a caller that tries many starting points in a long text and discards
 * the failures (as {@code Json.parseLeading} on noisy command output) would otherwise count
 * lines from the start of the text for every one of them.
 */
public final class JsonParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int offset;
    /** The parsed text, held only until the message is made; it never becomes part of the message. */
    private transient String text;
    private String message;

    private JsonParseException(String text, int offset, String problem) {
        this.text = text;
        this.offset = offset;
        this.problem = problem;
    }

    /** Creates the exception for {@code problem} found at {@code offset} in {@code text}. */
    static JsonParseException at(String text, int offset, String problem) {
        return new JsonParseException(text, offset, problem);
    }

    @Override
    public synchronized String getMessage() {
        if (message == null) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            message = problem + " at line " + line + ", column " + (offset - lineStart + 1);
            text = null;
        }
        return message;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        getMessage();
        out.defaultWriteObject();
    }
}
