package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.biasflow.api.TargetLoss;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;
import org.junit.jupiter.api.Test;

class BiasflowCommandsTest {

    @Test
    void servicesAreTabulatedWithBundleAndVersion() {
        BiasflowCommands commands = new BiasflowCommands();
        commands.catalog = new ServiceCatalog() {
            @Override
            public List<ServiceInfo> services() {
                return List.of(new ServiceInfo("model", "diagonal", "diagonal linear network",
                        "org.biasflow.model.diagonal", "0.1.0.SNAPSHOT"));
            }

            @Override
            public <S> Selected<S> select(Class<S> type, String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isRegistered(Object service) {
                return true;
            }

            @Override
            public List<String> names(Class<?> type) {
                return List.of();
            }
        };

        assertEquals("""
                KIND   NAME      BUNDLE                       VERSION         DESCRIPTION
                model  diagonal  org.biasflow.model.diagonal  0.1.0.SNAPSHOT  diagonal linear network
                """, commands.services());
    }

    @Test
    void targetsAreReadAsLog10Values() {
        List<TargetLoss> targets = BiasflowCommands.targets("1e-1, 1e-10,1e-1000000");

        assertEquals(3, targets.size());
        assertEquals(-1000000, targets.get(2).log10(), 0);
    }

    @Test
    void optionsAndShapesAreParsedOrRefused() {
        assertEquals(Map.of("step", "0.5", "max-steps", "100"), BiasflowCommands.keyValues("step=0.5, max-steps=100"));
        assertArrayEquals(new double[] {1, 2.5}, BiasflowCommands.numbers("1,2.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BiasflowCommands.keyValues("step"))
                .getMessage().contains("key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BiasflowCommands.numbers("1,x"))
                .getMessage().contains("'1,x'"));
    }
}
