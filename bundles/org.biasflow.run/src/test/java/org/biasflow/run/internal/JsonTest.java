package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesIndented() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\"\nline");
        value.put("counts", List.of(1, 2.5));
        value.put("none", null);
        value.put("nan", Double.NaN);
        value.put("empty", Map.of());

        assertEquals("""
                {
                  "name": "a \\"quoted\\"\\nline",
                  "counts": [
                    1,
                    2.5
                  ],
                  "none": null,
                  "nan": null,
                  "empty": {}
                }
                """, Json.write(value));
    }
}
