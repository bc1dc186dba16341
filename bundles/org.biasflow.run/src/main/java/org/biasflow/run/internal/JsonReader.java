package org.biasflow.run.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.data.JsonValues;

/**
 * Reads the JSON that {@link Json} writes (and any other): objects as ordered maps, arrays as lists, numbers as
 * doubles, and strings, booleans and null as themselves.
 */
final class JsonReader {

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the offset of the first malformed character */
    static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    /** The object {@code text} holds. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Field {@code name} of an object that {@code file} holds, as a {@code type}: a record edited by hand can hold
     * anything, and what is computed from it must not be of a field misread.
     *
     * @param at where the object is in the file, as {@code trajectories[2]}; empty for the file's top level
     * @throws IllegalArgumentException when the field is absent, null or of another type, naming the file, the field
     *         and the type expected
     */
    static <T> T field(Path file, Map<?, ?> object, String at, String name, Class<T> type) {
        T value = nullable(file, object, at, name, type);
        if (value == null) {
            throw new IllegalArgumentException(file + " has no '" + qualified(at, name) + "'");
        }
        return value;
    }

    /** As {@link #field}, but null when the field is absent or null. */
    static <T> T nullable(Path file, Map<?, ?> object, String at, String name, Class<T> type) {
        Object value = object.get(name);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(file + ": '" + qualified(at, name) + "' is " + JsonValues.found(value)
                    + ", expected " + JsonValues.kind(type));
        }
        return type.cast(value);
    }

    /** As {@link #field} for a list of numbers; an empty list when the field is absent or null. */
    static List<Double> numbers(Path file, Map<?, ?> object, String at, String name) {
        List<?> list = nullable(file, object, at, name, List.class);
        List<Double> numbers = new ArrayList<>();
        for (Object item : list == null ? List.of() : list) {
            if (!(item instanceof Double number)) {
                throw new IllegalArgumentException(file + ": '" + qualified(at, name) + "' holds "
                        + (item == null ? "null" : JsonValues.found(item)) + ", expected numbers");
            }
            numbers.add(number);
        }
        return numbers;
    }

    private static String qualified(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a key");
            }
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated escape");
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("short unicode escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> out.append(escaped);
            }
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected character");
        }
        at += word.length();
        return value;
    }

    private Double number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return Double.valueOf(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("not a value");
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON at character " + at + ": " + what);
    }
}
