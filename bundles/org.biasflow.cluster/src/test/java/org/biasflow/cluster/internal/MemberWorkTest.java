package org.biasflow.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;
import org.biasflow.run.TrajectoryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * A member that leaves (SIGTERM, Ctrl-C) deletes its working folder while its trajectory may still be writing there:
 * whatever that trajectory ends with then is not the trajectory's doing, and goes back to the sweep as cancelled, to
 * be run elsewhere. The same ending while the member stays is the trajectory's own.
 */
class MemberWorkTest {
    private static final String DATA_HASH = "abc123";
    private static HazelcastInstance cluster;

    @TempDir
    Path folder;

    /** One member on the loopback interface alone, in a cluster of its own. */
    @BeforeAll
    static void join() {
        Config config = new Config().setClusterName("memberwork-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        cluster = Hazelcast.newHazelcastInstance(config);
        cluster.getMap(ClusterNetwork.DATA).put(DATA_HASH, "y,x1\n1,1\n-1,-1\n".getBytes());
    }

    @AfterAll
    static void leave() {
        cluster.shutdown();
    }

    @Test
    void aRunThatFailsOnceItsMemberIsLeavingIsReportedCancelled() {
        Map<String, Object> result = run((work, request) -> {
            work.leaving();
            return ended(request, Trajectory.Status.FAILED, request.output() + "/points.csv was removed while the run"
                    + " wrote it: the rows written there are lost");
        });

        assertTrue(MemberWork.cancelled(result), result.toString());
        assertTrue(((String) result.get("message")).contains("left while running it: "), result.toString());
        assertFalse(result.containsKey("files"), "nothing of it is recorded");
    }

    @Test
    void aRunThatThrowsOnceItsMemberIsLeavingIsReportedCancelled() {
        Map<String, Object> result = run((work, request) -> {
            work.leaving();
            throw new UncheckedIOException("cannot write run.json", new IOException("No such file or directory"));
        });

        assertTrue(MemberWork.cancelled(result), result.toString());
    }

    @Test
    void theSameEndingsWhileTheMemberStaysAreTheTrajectorysOwn() {
        Map<String, Object> failed = run((work, request) -> ended(request, Trajectory.Status.FAILED, "it failed"));

        assertEquals("FAILED", failed.get("status"));
        assertEquals("it failed", failed.get("message"));
        assertTrue(((Map<?, ?>) failed.get("files")).containsKey("run.json"), failed.toString());
        assertThrows(UncheckedIOException.class, () -> run((work, request) -> {
            throw new UncheckedIOException("cannot write run.json", new IOException("disk full"));
        }));
    }

    private Map<String, Object> run(BiFunction<MemberWork, RunRequest, RunOutcome> behaviour) {
        AtomicReference<MemberWork> work = new AtomicReference<>();
        TrajectoryRunner runner = new TrajectoryRunner() {
            @Override
            public RunOutcome run(RunRequest request, RunControl listener) {
                return behaviour.apply(work.get(), request);
            }

            @Override
            public Map<String, Object> defaults() {
                return Map.of();
            }

            @Override
            public int cancelAll() {
                return 0;
            }

            @Override
            public List<String> cancel(Path folder) {
                return List.of();
            }

            @Override
            public List<String> workingIn(Path folder) {
                return List.of();
            }
        };
        work.set(new MemberWork(runner, new AnyService(), folder));
        work.get().joined(cluster);
        RunRequest request = new RunRequest(Path.of("d.csv"), "diagonal", ModelSpec.of(2, 1.0), "exponential",
                List.of(TargetLoss.parse("1e-3")), Path.of("out"), "bdf", Map.of(), ParameterOutput.NONE, false);
        HashMap<String, Object> result = work.get().run("sweep", DATA_HASH, "d.csv", RequestCodec.encode(request));
        assertFalse(Files.exists(folder.resolve("runs")) && folder.resolve("runs").toFile().list().length > 0,
                "the trajectory's folder is gone");
        return result;
    }

    private static RunOutcome ended(RunRequest request, Trajectory.Status status, String message) {
        try {
            Files.createDirectories(request.output());
            Files.writeString(request.output().resolve("run.json"), "{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunOutcome(request.output(), new ServiceInfo("integrator", "bdf", "", "", ""),
                new Trajectory(status, message, List.of(), 1, 0, 1, 0), 0.0);
    }

    /** A catalog that has every service asked for. */
    private static final class AnyService implements ServiceCatalog {
        @Override
        public List<ServiceInfo> services() {
            return List.of();
        }

        @Override
        public <S> Selected<S> select(Class<S> type, String name) {
            return new Selected<>(null, null);
        }

        @Override
        public boolean isRegistered(Object service) {
            return true;
        }

        @Override
        public List<String> names(Class<?> type) {
            return List.of();
        }
    }
}
