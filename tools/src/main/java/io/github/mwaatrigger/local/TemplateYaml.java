package io.github.mwaatrigger.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the block-style YAML that CloudFormation and SAM templates are written in, into maps, lists and
 * strings, with the short-form intrinsic tags ({@code !Ref X}, {@code !Sub ...}, {@code !GetAtt A.B},
 * {@code !If [...]}...) turned into their long form ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}}).
 *
 * <p>It covers what templates use: block mappings and sequences (also "compact" sequences at the key's
 * indentation), plain, single- and double-quoted scalars, {@code |} and {@code >} block scalars,
 * one-line flow sequences and mappings, and comments. Scalars stay strings. Anything else (anchors,
 * aliases, multi-line plain scalars, several documents) is refused with its line number, never misread.
 * Only the demo uses it; a YAML library would not fit the Lambda package budget.
 */
public final class TemplateYaml {

    /** A line that is not blank or a comment: its number, indentation and content without the comment. */
    private record Line(int number, int indent, String text) {
    }

    private final List<Line> lines;
    private int next;

    private TemplateYaml(List<Line> lines) {
        this.lines = lines;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the line of anything outside the supported subset
     */
    public static Object parse(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].indexOf('\t') >= 0 && raw[i].strip().length() > 0 && raw[i].substring(0, indentOf(raw[i])).contains("\t")) {
                throw error(i + 1, "tabs are not allowed for indentation");
            }
            String content = stripComment(raw[i]);
            if (!content.isBlank() && !content.strip().equals("---")) {
                lines.add(new Line(i + 1, indentOf(content), content.strip()));
            }
        }
        TemplateYaml parser = new TemplateYaml(lines);
        if (lines.isEmpty()) {
            return null;
        }
        Object value = parser.block(lines.get(0).indent());
        if (parser.next < lines.size()) {
            throw error(lines.get(parser.next).number(), "unexpected indentation");
        }
        return value;
    }

    private Object block(int indent) {
        Line first = lines.get(next);
        return first.text().equals("-") || first.text().startsWith("- ") ? sequence(indent) : mapping(indent);
    }

    private Map<String, Object> mapping(int indent) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (next < lines.size() && lines.get(next).indent() == indent && !isSequenceItem(lines.get(next))) {
            Line line = lines.get(next++);
            entry(line, line.text(), indent, map);
        }
        return map;
    }

    /** One {@code key: value} entry whose text starts at column {@code column}. */
    private void entry(Line line, String text, int column, Map<String, Object> map) {
        int colon = keyEnd(text, line);
        String key = unquote(text.substring(0, colon).strip(), line);
        String rest = text.substring(colon + 1).strip();
        if (map.put(key, value(line, rest, column)) != null) {
            throw error(line.number(), "duplicate key '" + key + "'");
        }
    }

    private List<Object> sequence(int indent) {
        List<Object> list = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent() == indent && isSequenceItem(lines.get(next))) {
            Line line = lines.get(next++);
            String item = line.text().substring(1).strip();
            int column = indent + line.text().indexOf(item.isEmpty() ? "-" : item, 1);
            if (!item.isEmpty() && isMappingStart(item)) {
                Map<String, Object> map = new LinkedHashMap<>();
                entry(line, item, column, map);
                map.putAll(continuation(column, map));
                list.add(map);
            } else {
                list.add(value(line, item, indent));
            }
        }
        return list;
    }

    /** The further entries of a mapping that started on a sequence item's line. */
    private Map<String, Object> continuation(int column, Map<String, Object> started) {
        Map<String, Object> more = new LinkedHashMap<>();
        if (next < lines.size() && lines.get(next).indent() == column && !isSequenceItem(lines.get(next))) {
            for (Map.Entry<String, Object> entry : mapping(column).entrySet()) {
                if (started.containsKey(entry.getKey()) || more.put(entry.getKey(), entry.getValue()) != null) {
                    throw error(lines.get(next - 1).number(), "duplicate key '" + entry.getKey() + "'");
                }
            }
        }
        return more;
    }

    /** The value after {@code key:} or {@code -}: inline, a block scalar, or a nested block. */
    private Object value(Line line, String rest, int indent) {
        if (rest.startsWith("&") || rest.startsWith("*")) {
            throw error(line.number(), "anchors and aliases are not supported");
        }
        if (rest.startsWith("!")) {
            int space = rest.indexOf(' ');
            String tag = space < 0 ? rest : rest.substring(0, space);
            String tagged = space < 0 ? "" : rest.substring(space + 1).strip();
            return intrinsic(tag, tagged.isEmpty() ? nested(line, indent) : value(line, tagged, indent), line);
        }
        if (rest.equals("|") || rest.equals("|-") || rest.equals(">") || rest.equals(">-")) {
            return blockScalar(rest, indent);
        }
        if (rest.isEmpty()) {
            return nested(line, indent);
        }
        if (next < lines.size() && lines.get(next).indent() > indent && !isSequenceItem(lines.get(next))
                && !rest.startsWith("[") && !rest.startsWith("{")) {
            throw error(lines.get(next).number(), "multi-line plain scalars are not supported; quote the value or use | or >");
        }
        return new FlowParser(rest, line).parseAll();
    }

    /** A block below a key or item with nothing after it, or null when none follows. */
    private Object nested(Line line, int indent) {
        if (next < lines.size()) {
            Line following = lines.get(next);
            if (following.indent() > indent || (following.indent() == indent && isSequenceItem(following)
                    && !isSequenceItem(line))) {
                return block(following.indent());
            }
        }
        return null;
    }

    private String blockScalar(String indicator, int indent) {
        List<String> parts = new ArrayList<>();
        int contentIndent = -1;
        while (next < lines.size() && lines.get(next).indent() > indent) {
            Line line = lines.get(next++);
            contentIndent = contentIndent < 0 ? line.indent() : contentIndent;
            parts.add(" ".repeat(Math.max(0, line.indent() - contentIndent)) + line.text());
        }
        String joined = String.join(indicator.startsWith("|") ? "\n" : " ", parts);
        return indicator.endsWith("-") ? joined : joined + "\n";
    }

    private static Object intrinsic(String tag, Object value, Line line) {
        String name = tag.substring(1);
        switch (name) {
            case "Ref", "Condition" -> {
                return Map.of(name, value);
            }
            case "GetAtt" -> {
                if (value instanceof String text && text.contains(".")) {
                    int dot = text.indexOf('.');
                    return Map.of("Fn::GetAtt", List.of(text.substring(0, dot), text.substring(dot + 1)));
                }
                return Map.of("Fn::GetAtt", value);
            }
            case "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
                    "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString" -> {
                return Map.of("Fn::" + name, value == null ? "" : value);
            }
            default -> throw error(line.number(), "unknown tag " + tag);
        }
    }

    private static boolean isSequenceItem(Line line) {
        return line.text().equals("-") || line.text().startsWith("- ");
    }

    private static boolean isMappingStart(String text) {
        if (text.startsWith("!") || text.startsWith("[") || text.startsWith("{")) {
            return false;
        }
        if (text.startsWith("\"") || text.startsWith("'")) {
            int end = closingQuote(text);
            return end > 0 && text.substring(end + 1).strip().startsWith(":");
        }
        int colon = text.indexOf(": ");
        return colon > 0 || text.endsWith(":");
    }

    private static int keyEnd(String text, Line line) {
        if (text.startsWith("\"") || text.startsWith("'")) {
            int end = closingQuote(text);
            int colon = text.indexOf(':', end + 1);
            if (end > 0 && colon > 0) {
                return colon;
            }
        } else {
            int colon = text.indexOf(": ");
            if (colon > 0) {
                return colon;
            }
            if (text.endsWith(":")) {
                return text.length() - 1;
            }
        }
        throw error(line.number(), "expected 'key: value'");
    }

    private static int closingQuote(String text) {
        char quote = text.charAt(0);
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String unquote(String scalar, Line line) {
        Object value = new FlowParser(scalar, line).parseAll();
        if (!(value instanceof String text)) {
            throw error(line.number(), "keys must be scalars");
        }
        return text;
    }

    private static int indentOf(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The line without a comment: a {@code #} at the start or after white space, outside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (quote == '"' && c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && (i == 0 || " \t[{,:-".indexOf(line.charAt(i - 1)) >= 0)) {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    static IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException("template line " + line + ": " + message);
    }

    /** Inline values: plain and quoted scalars, flow sequences and mappings, and tags within them. */
    private static final class FlowParser {
        private final String text;
        private final Line line;
        private int at;

        FlowParser(String text, Line line) {
            this.text = text;
            this.line = line;
        }

        Object parseAll() {
            Object value = value(false);
            skipSpaces();
            if (at < text.length()) {
                throw error(line.number(), "unexpected '" + text.substring(at) + "'");
            }
            return value;
        }

        private Object value(boolean inFlow) {
            skipSpaces();
            if (at >= text.length()) {
                return inFlow ? "" : null;
            }
            char c = text.charAt(at);
            if (c == '[') {
                return flowSequence();
            }
            if (c == '{') {
                return flowMapping();
            }
            if (c == '"') {
                return doubleQuoted();
            }
            if (c == '\'') {
                return singleQuoted();
            }
            if (c == '!') {
                int start = at;
                while (at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != ',' && text.charAt(at) != ']'
                        && text.charAt(at) != '}') {
                    at++;
                }
                return intrinsic(text.substring(start, at), value(inFlow), line);
            }
            if (c == '&' || c == '*') {
                throw error(line.number(), "anchors and aliases are not supported");
            }
            return plain(inFlow);
        }

        private List<Object> flowSequence() {
            at++;
            List<Object> items = new ArrayList<>();
            skipSpaces();
            if (peek(']')) {
                at++;
                return items;
            }
            while (true) {
                items.add(value(true));
                skipSpaces();
                if (peek(',')) {
                    at++;
                } else if (peek(']')) {
                    at++;
                    return items;
                } else {
                    throw error(line.number(), "expected ',' or ']' in a flow sequence");
                }
            }
        }

        private Map<String, Object> flowMapping() {
            at++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipSpaces();
            if (peek('}')) {
                at++;
                return map;
            }
            while (true) {
                Object key = value(true);
                skipSpaces();
                if (!peek(':')) {
                    throw error(line.number(), "expected ':' in a flow mapping");
                }
                at++;
                map.put(String.valueOf(key), value(true));
                skipSpaces();
                if (peek(',')) {
                    at++;
                } else if (peek('}')) {
                    at++;
                    return map;
                } else {
                    throw error(line.number(), "expected ',' or '}' in a flow mapping");
                }
            }
        }

        private String plain(boolean inFlow) {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                boolean flowEnd = inFlow && (c == ',' || c == ']' || c == '}');
                boolean keyEnd = inFlow && c == ':' && (at + 1 == text.length() || text.charAt(at + 1) == ' ');
                if (flowEnd || keyEnd) {
                    break;
                }
                at++;
            }
            String value = text.substring(start, at).strip();
            return value.equals("~") || value.equals("null") && !inFlow ? null : value;
        }

        private String singleQuoted() {
            StringBuilder out = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\'') {
                    if (peek('\'')) {
                        out.append('\'');
                        at++;
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
            throw error(line.number(), "unterminated single-quoted string");
        }

        private String doubleQuoted() {
            StringBuilder out = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '0' -> out.append('\0');
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error(line.number(), "unsupported escape \\" + escaped);
                }
            }
            throw error(line.number(), "unterminated double-quoted string");
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }
    }
}
