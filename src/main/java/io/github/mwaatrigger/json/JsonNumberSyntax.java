package io.github.mwaatrigger.json;

/**
 * Recognises the RFC 8259 number grammar:
 * {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}.
 */
final class JsonNumberSyntax {

    /** Stands for "past the end of the text"; never a digit, {@code '.'} or exponent mark. */
    private static final char END = '\0';

    private JsonNumberSyntax() {
    }

    /**
     * Returns the offset just after the longest number that starts at {@code start}.
     *
     * @throws JsonParseException if no valid number starts there
     */
    static int end(String text, int start) {
        int i = start;
        if (charAt(text, i) == '-') {
            i++;
        }
        if (!isDigit(charAt(text, i))) {
            String problem = i > start ? "expected a digit after '-'" : "expected a digit";
            throw JsonParseException.at(text, i, problem);
        }
        if (text.charAt(i) == '0') {
            i++;
            if (isDigit(charAt(text, i))) {
                throw JsonParseException.at(text, i, "leading zeros are not allowed in a number");
            }
        } else {
            i = skipDigits(text, i);
        }
        if (charAt(text, i) == '.') {
            i++;
            if (!isDigit(charAt(text, i))) {
                throw JsonParseException.at(text, i, "expected a digit after the decimal point");
            }
            i = skipDigits(text, i);
        }
        char exponentMark = charAt(text, i);
        if (exponentMark == 'e' || exponentMark == 'E') {
            i++;
            char sign = charAt(text, i);
            if (sign == '+' || sign == '-') {
                i++;
            }
            if (!isDigit(charAt(text, i))) {
                throw JsonParseException.at(text, i, "expected a digit in the exponent");
            }
            i = skipDigits(text, i);
        }
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (isDigit(charAt(text, i))) {
            i++;
        }
        return i;
    }

    private static char charAt(String text, int i) {
        return i < text.length() ? text.charAt(i) : END;
    }
}
