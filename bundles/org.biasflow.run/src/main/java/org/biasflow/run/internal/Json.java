package org.biasflow.run.internal;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Just enough JSON to write run records: maps, lists, strings, numbers, booleans and null, indented. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, "");
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, Object value, String indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            appendEntries(out, map.entrySet().iterator(), indent, '{', '}', true);
        } else if (value instanceof Collection<?> list) {
            appendEntries(out, list.iterator(), indent, '[', ']', false);
        } else if (value instanceof double[] array) {
            appendEntries(out, java.util.Arrays.stream(array).boxed().iterator(), indent, '[', ']', false);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? number.toString() : "null");
        } else if (value instanceof Boolean) {
            out.append(value);
        } else {
            appendString(out, value.toString());
        }
    }

    private static void appendEntries(StringBuilder out, Iterator<?> items, String indent, char open, char close,
            boolean keyed) {
        out.append(open);
        String inner = indent + "  ";
        boolean first = true;
        while (items.hasNext()) {
            Object item = items.next();
            out.append(first ? "\n" : ",\n").append(inner);
            first = false;
            if (keyed) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
                appendString(out, entry.getKey().toString());
                out.append(": ");
                append(out, entry.getValue(), inner);
            } else {
                append(out, item, inner);
            }
        }
        if (!first) {
            out.append('\n').append(indent);
        }
        out.append(close);
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
