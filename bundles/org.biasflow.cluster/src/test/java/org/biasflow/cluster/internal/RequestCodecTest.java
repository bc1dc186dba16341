package org.biasflow.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.TargetLoss;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunRequest;
import org.junit.jupiter.api.Test;

class RequestCodecTest {

    @Test
    void aRequestTravelsAsJdkTypesAndArrivesWhole() throws Exception {
        ModelSpec spec = new ModelSpec(3, 0.25, new double[] {1.0, 2.0}, new double[] {0.5, 0.5}, 42L,
                Map.of("width", "7"));
        RunRequest sent = new RunRequest(Path.of("here.csv"), "fully-connected", spec, "logistic",
                List.of(TargetLoss.parse("1e-5"), TargetLoss.ofLog10(-1234.5)), Path.of("out"), "bdf",
                Map.of("rtol", "1e-9"), ParameterOutput.NONE, true);

        HashMap<String, Object> encoded = RequestCodec.encode(sent);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(encoded);
        }
        @SuppressWarnings("unchecked")
        HashMap<String, Object> travelled = (HashMap<String, Object>) new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray())).readObject();
        RunRequest received = RequestCodec.decode(travelled, Path.of("/member/data.csv"), Path.of("/member/run"));

        assertEquals(Path.of("/member/data.csv"), received.data());
        assertEquals(Path.of("/member/run"), received.output());
        assertEquals(sent.model(), received.model());
        assertEquals(sent.loss(), received.loss());
        assertEquals(sent.targets(), received.targets());
        assertEquals(sent.integrator(), received.integrator());
        assertEquals(sent.options(), received.options());
        assertEquals(sent.parameters(), received.parameters());
        ModelSpec arrived = received.spec();
        assertEquals(3, arrived.depth());
        assertEquals(0.25, arrived.alpha());
        assertArrayEquals(spec.shape(), arrived.shape());
        assertArrayEquals(spec.negativeShape(), arrived.negativeShape());
        assertEquals(42L, arrived.seed());
        assertEquals(spec.options(), arrived.options());
    }

    @Test
    void aBalancedInitializationStaysBalanced() {
        RunRequest sent = new RunRequest(Path.of("d.csv"), "diagonal", ModelSpec.of(2, 1.0), "exponential",
                List.of(TargetLoss.parse("1e-3")), Path.of("o"), null, Map.of());
        RunRequest received = RequestCodec.decode(RequestCodec.encode(sent), Path.of("d.csv"), Path.of("o"));
        assertNull(received.spec().negativeShape());
        assertNull(received.integrator());
    }

    /** A field added to a request would not reach the members until the codec carries it: this names it. */
    @Test
    void theCodecKnowsEveryFieldOfARequest() {
        assertEquals(List.of("data", "model", "spec", "loss", "targets", "output", "integrator", "options",
                "parameters", "overwrite"), names(RunRequest.class));
        assertEquals(List.of("depth", "alpha", "shape", "negativeShape", "seed", "options"), names(ModelSpec.class));
        assertEquals(List.of("text", "log10"), names(TargetLoss.class));
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
