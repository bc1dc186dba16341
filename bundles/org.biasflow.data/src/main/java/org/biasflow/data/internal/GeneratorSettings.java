package org.biasflow.data.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The settings given to a named generator, as text, checked against the ones it knows and completed by defaults. */
public final class GeneratorSettings {
    /** A setting a generator knows, with the text used when it is not given, or null when it must be given. */
    public record Setting(String name, String defaultValue) {
    }

    private final String kind;
    private final Map<String, String> given;
    private final List<Setting> known;

    /** @throws IllegalArgumentException naming the first setting given that {@code kind} does not know */
    public GeneratorSettings(String kind, List<Setting> known, Map<String, String> given) {
        this.kind = kind;
        this.given = given;
        this.known = known;
        for (String name : given.keySet()) {
            if (known.stream().noneMatch(setting -> setting.name().equals(name))) {
                throw new IllegalArgumentException(kind + " has no setting '" + name + "'; its settings are " + describe(known));
            }
        }
    }

    /** The settings and their defaults, as in {@code n, d, seed (default 1)}. */
    public static String describe(List<Setting> known) {
        return known.stream()
                .map(setting -> setting.defaultValue() == null ? setting.name()
                        : setting.name() + " (default " + setting.defaultValue() + ")")
                .collect(Collectors.joining(", "));
    }

    public int wholeNumber(String name) {
        long value = longNumber(name);
        if (value != (int) value) {
            throw invalid(name, "a whole number of at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    public long longNumber(String name) {
        try {
            return Long.parseLong(text(name));
        } catch (NumberFormatException e) {
            throw invalid(name, "a whole number");
        }
    }

    public double realNumber(String name) {
        try {
            double value = Double.parseDouble(text(name));
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below together with the non-finite case
        }
        throw invalid(name, "a finite number");
    }

    private String text(String name) {
        String value = given.get(name);
        if (value == null) {
            value = known.stream().filter(setting -> setting.name().equals(name)).findFirst().orElseThrow().defaultValue();
        }
        if (value == null) {
            throw new IllegalArgumentException(kind + " needs the setting '" + name + "'; its settings are " + describe(known));
        }
        return value.strip();
    }

    private IllegalArgumentException invalid(String name, String expected) {
        return new IllegalArgumentException(kind + " setting '" + name + "' must be " + expected + ", got '" + given.get(name) + "'");
    }
}
