package org.biasflow.data;

import java.util.List;
import java.util.Map;

/**
 * JSON values as biasflow's readers of its records give them (objects as maps, arrays as lists, strings, numbers,
 * true or false), put in words for a refusal of a hand-edited record: "'alpha' is the text "0.1", expected a
 * number".
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** A value found: a text quoted, anything else by its kind. */
    public static String found(Object value) {
        return value instanceof String text ? "the text \"" + text + "\"" : kind(value.getClass());
    }

    /** The kind of value a type stands for: "a number", "text", "a list", "an object" or "true or false". */
    public static String kind(Class<?> type) {
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (String.class.isAssignableFrom(type)) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) ? "an object" : "true or false";
    }
}
