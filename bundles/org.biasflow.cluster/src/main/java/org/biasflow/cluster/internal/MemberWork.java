package org.biasflow.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.RunControl;
import org.biasflow.api.Trajectory;
import org.biasflow.data.Folders;
import org.biasflow.data.IoProblems;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.TrajectoryRunner;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * What a worker does with a trajectory sent to it: runs it with its own services into a folder of its own and
 * returns the folder's files, so that the submitter writes them where a local sweep would.
 */
final class MemberWork {

    /** How often a running trajectory asks the cluster whether its sweep was cancelled. */
    private static final long CANCEL_POLL_NANOS = 500_000_000L;

    private final TrajectoryRunner runner;
    private final ServiceCatalog catalog;
    private final Path folder;
    private final Set<String> services;
    private volatile HazelcastInstance instance;
    private volatile boolean leaving;

    MemberWork(TrajectoryRunner runner, ServiceCatalog catalog, Path folder) {
        this.runner = runner;
        this.catalog = catalog;
        this.folder = folder;
        this.services = ClusterNetwork.services(catalog);
    }

    void joined(HazelcastInstance joinedInstance) {
        instance = joinedInstance;
    }

    Set<String> services() {
        return services;
    }

    /**
     * This member is leaving, and its working folder is about to go: a trajectory that ends from now on (its record
     * cannot be written there, or its rows are lost) is reported as cancelled, so that its sweep runs it again
     * elsewhere.
     */
    void leaving() {
        leaving = true;
    }

    /**
     * Runs one trajectory of sweep {@code sweepId}.
     *
     * @return {@code status}, {@code message}, {@code integrator}, {@code member}, {@code address} (this member's),
     *         {@code folder} (where it ran) and {@code files} (name → bytes)
     * @throws IllegalStateException when this member lacks a service the trajectory needs (named)
     */
    HashMap<String, Object> run(String sweepId, String dataHash, String dataName, Map<String, Object> request) {
        HazelcastInstance cluster = instance;
        String address = cluster == null ? "" : cluster.getCluster().getLocalMember().getAddress().toString();
        String member = cluster == null ? "a member" : "member " + address;
        try {
            catalog.select(Model.class, (String) request.get("model"));
            catalog.select(Loss.class, (String) request.get("loss"));
            catalog.select(Integrator.class, (String) request.get("integrator"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(member + " cannot run this trajectory: " + e.getMessage());
        }
        Path data = data(cluster, dataHash, dataName, member);
        Path output = folder.resolve("runs").resolve(UUID.randomUUID().toString());
        RunRequest decoded = RequestCodec.decode(request, data, output);
        try {
            RunOutcome outcome;
            try {
                outcome = runner.run(decoded, cancelledWith(cluster, sweepId));
            } catch (RuntimeException e) {
                if (!leaving) {
                    throw e;
                }
                return leftWhileRunning(member, address, e.getMessage());
            }
            if (leaving) {
                // its folder may be gone already, and its record then says the rows were lost: not the trajectory's
                return leftWhileRunning(member, address, outcome.trajectory().message());
            }
            HashMap<String, Object> result = new HashMap<>();
            result.put("status", outcome.trajectory().status().name());
            result.put("message", outcome.trajectory().message());
            result.put("integrator", outcome.integrator().name());
            result.put("member", member);
            result.put("address", address);
            result.put("data", data.toString());
            result.put("folder", output.toString());
            result.put("files", files(output));
            return result;
        } finally {
            deleteTree(output);
        }
    }

    /** A trajectory ended by this member's leaving, whatever became of it: its sweep runs it again elsewhere. */
    private static HashMap<String, Object> leftWhileRunning(String member, String address, String what) {
        HashMap<String, Object> result = new HashMap<>();
        result.put("status", Trajectory.Status.CANCELLED.name());
        result.put("message", member + " left while running it: " + what);
        result.put("address", address);
        return result;
    }

    /** The data file, fetched from the cluster the first time this member needs it. */
    private synchronized Path data(HazelcastInstance cluster, String hash, String name, String member) {
        Path file = folder.resolve("data").resolve(hash).resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        IMap<String, byte[]> shared = cluster.getMap(ClusterNetwork.DATA);
        byte[] bytes = shared.get(hash);
        if (bytes == null) {
            throw new IllegalStateException(member + " found no data set " + hash + " in the cluster: its sweep has"
                    + " ended or its submitter left");
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(name + ".partial");
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(member + " cannot store data set " + hash + " in " + file + ": "
                    + IoProblems.reason(e), e);
        }
        return file;
    }

    private static RunControl cancelledWith(HazelcastInstance cluster, String sweepId) {
        IMap<String, Boolean> cancelled = cluster.getMap(ClusterNetwork.CANCELLED);
        return new RunControl() {
            private long nextPoll;
            private boolean stop;

            @Override
            public void checkpoint(Checkpoint checkpoint) {
            }

            @Override
            public boolean isCancelled() {
                long now = System.nanoTime();
                if (!stop && now - nextPoll >= 0) {
                    nextPoll = now + CANCEL_POLL_NANOS;
                    stop = cancelled.containsKey(sweepId);
                }
                return stop;
            }
        };
    }

    private static HashMap<String, byte[]> files(Path output) {
        HashMap<String, byte[]> files = new HashMap<>();
        try (Stream<Path> entries = Files.list(output)) {
            for (Path file : entries.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("read the run in", output, e), e);
        }
        return files;
    }

    static void deleteTree(Path root) {
        try {
            Folders.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("delete", root, e), e);
        }
    }

    /** Whether a trajectory ended by being cancelled (by its sweep, or because this member is stopping). */
    static boolean cancelled(Map<String, Object> result) {
        return Trajectory.Status.CANCELLED.name().equals(result.get("status"));
    }
}
