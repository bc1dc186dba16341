package org.biasflow.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ClusterNetworkTest {

    private static final Set<String> PLAIN = Set.of("model:diagonal", "loss:exponential", "loss:logistic",
            "integrator:bdf");

    @Test
    void aMemberLacksWhatARunningSweepNeedsAndItsDataHashIsNoService() {
        String needsFullyConnected = ClusterNetwork.requirements(List.of("diagonal", "fully-connected"), "logistic",
                "bdf") + "|abc123";
        String needsDiagonal = ClusterNetwork.requirements(List.of("diagonal"), "exponential", "bdf") + "|abc123";
        assertEquals(List.of("model 'fully-connected'"),
                ClusterNetwork.lacking(List.of(needsDiagonal, needsFullyConnected), PLAIN));
        assertTrue(ClusterNetwork.lacking(List.of(needsDiagonal), PLAIN).isEmpty());
    }

    @Test
    void aClusterNameIsCheckedBeforeAnyPortIsOpened() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ClusterNetwork.join("1.0", "a b", List.of("127.0.0.1"), null, 5701, null));
        assertTrue(bad.getMessage().contains("'a b'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ClusterNetwork.join("1.0", "lab", List.of(), null, 5701, null));
    }

    @Test
    void theBiasflowVersionIsPartOfTheClusterName() {
        assertEquals("biasflow-0.1.0.SNAPSHOT-lab", ClusterNetwork.clusterName("0.1.0.SNAPSHOT", "lab"));
    }
}
