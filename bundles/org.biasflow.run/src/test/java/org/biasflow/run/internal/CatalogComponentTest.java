package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.run.ServiceInfo;
import org.junit.jupiter.api.Test;

class CatalogComponentTest {

    private final CatalogComponent catalog = new CatalogComponent();
    private final Loss exponential = (margins, weights, curvature) -> 0;
    private final Loss logistic = (margins, weights, curvature) -> 1;

    @Test
    void listsServicesByKindThenName() {
        catalog.bindLoss(logistic, StubReference.named("logistic"));
        catalog.bindLoss(exponential, StubReference.named("exponential"));
        catalog.bindModel((spec, d) -> null, StubReference.named("diagonal"));

        List<String> listed = catalog.services().stream().map(s -> s.kind() + ":" + s.name()).toList();

        assertEquals(List.of("model:diagonal", "loss:exponential", "loss:logistic"), listed);
        ServiceInfo first = catalog.services().get(0);
        assertEquals("the diagonal", first.description());
    }

    @Test
    void selectsByNameAndForgetsUnboundServices() {
        StubReference<Loss> reference = StubReference.named("logistic");
        catalog.bindLoss(logistic, reference);

        assertSame(logistic, catalog.select(Loss.class, "logistic").service());

        catalog.unbindLoss(logistic, reference);
        assertEquals(List.of(), catalog.names(Loss.class));
    }

    @Test
    void unknownNamesAreRejectedWithTheRegisteredOnes() {
        catalog.bindLoss(exponential, StubReference.named("exponential"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> catalog.select(Loss.class, "hinge"));

        assertEquals("unknown loss 'hinge'; registered: exponential", error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> catalog.select(Model.class, "x"))
                .getMessage().endsWith("registered: none"));
    }

    @Test
    void servicesWithoutANameStayOutOfTheCatalog() {
        catalog.bindLoss(exponential, new StubReference<>(Map.of()));

        assertEquals(List.of(), catalog.services());
    }

    @Test
    void aSecondServiceUnderATakenNameWaitsForTheFirstToLeave() {
        StubReference<Loss> first = StubReference.named("exponential");
        catalog.bindLoss(exponential, first);
        catalog.bindLoss(logistic, StubReference.named("exponential"));

        assertSame(exponential, catalog.select(Loss.class, "exponential").service());
        catalog.unbindLoss(exponential, first);
        assertSame(logistic, catalog.select(Loss.class, "exponential").service());
    }
}
