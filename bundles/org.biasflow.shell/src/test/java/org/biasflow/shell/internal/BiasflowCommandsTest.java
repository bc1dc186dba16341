package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

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
}
