package org.biasflow.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.data.ShellText;
import org.biasflow.run.ClusterSweeps;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * {@code bf:sweep --cluster}: the sweep is planned, written and tabled by this process's {@link SweepRunner} as a
 * local sweep is, while its trajectories run on the cluster's workers.
 */
@Component(service = ClusterSweeps.class)
public class ClusterSweepsComponent implements ClusterSweeps {

    /** How long a submitter waits for a worker to be seen in the cluster. */
    private static final long WORKER_WAIT_SECONDS = 15;
    /** Trajectories in flight per processor of the workers: one running and one queued, ready when it ends. */
    private static final int IN_FLIGHT_PER_PROCESSOR = 2;

    @Reference
    SweepRunner sweeps;

    @Reference
    TrajectoryRunner runner;

    private String version;

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    @Override
    public SweepOutcome sweep(SweepRequest request, SweepListener listener, String cluster, List<String> members,
            String address) {
        Map<String, Object> defaults = runner.defaults();
        String integrator = request.integrator() != null ? request.integrator()
                : String.valueOf(defaults.get("integrator"));
        Map<String, String> tolerances = Map.of(
                "rtol", String.valueOf(defaults.get("relativeTolerance")),
                "atol", String.valueOf(defaults.get("absoluteTolerance")));
        String dataHash = DataFiles.hash(DataFiles.read(request.data()));
        byte[] dataBytes;
        try {
            dataBytes = Files.readAllBytes(request.data());
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("read", request.data(), e), e);
        }
        String sweepId = UUID.randomUUID().toString();
        HazelcastInstance instance = ClusterNetwork.join(version, cluster, members, address,
                ClusterNetwork.DEFAULT_PORT, null);
        IMap<String, String> running = instance.getMap(ClusterNetwork.SWEEPS);
        try {
            awaitWorkers(instance, cluster, members);
            // Published before the workers are checked, so that a worker joining from now on checks itself.
            String needs = ClusterNetwork.requirements(
                    request.models().isEmpty() ? List.of(request.model()) : request.models(), request.loss(), integrator);
            running.put(sweepId, needs + "|" + dataHash);
            int processors = refuseUnfitWorkers(instance, cluster, needs);
            instance.<String, byte[]>getMap(ClusterNetwork.DATA).putIfAbsent(dataHash, dataBytes);
            int inFlight = request.threads() > 0 ? request.threads() : IN_FLIGHT_PER_PROCESSOR * processors;
            return sweeps.sweep(request.withThreads(inFlight), listener, new ClusterExecutor(instance, sweepId,
                    dataHash, request.data().getFileName().toString(), integrator, tolerances));
        } finally {
            // A sweep stopped by Ctrl-C returns interrupted; the cluster is left in order all the same.
            boolean interrupted = Thread.interrupted();
            leave(instance, sweepId, dataHash);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void leave(HazelcastInstance instance, String sweepId, String dataHash) {
        IMap<String, String> running = instance.getMap(ClusterNetwork.SWEEPS);
        IMap<String, byte[]> data = instance.getMap(ClusterNetwork.DATA);
        try {
            if (ClusterNetwork.workers(instance).isEmpty()) {
                return; // no map to clean: maps live on workers
            }
            running.remove(sweepId);
            instance.getMap(ClusterNetwork.CANCELLED).remove(sweepId);
            if (!running.values().stream().anyMatch(needs -> needs.endsWith("|" + dataHash))) {
                data.remove(dataHash);
            }
        } finally {
            instance.shutdown();
        }
    }

    private static void awaitWorkers(HazelcastInstance instance, String cluster, List<String> members) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WORKER_WAIT_SECONDS);
        while (ClusterNetwork.workers(instance).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no worker of cluster " + cluster + " answered through " + members
                        + " within " + WORKER_WAIT_SECONDS + " s: start workers with bf:member --cluster "
                        + ShellText.argument(cluster) + " --members ..., on the same biasflow version");
            }
            sleep();
        }
    }

    /**
     * Refuses the sweep, before anything is written, when a worker lacks a service it needs: a worker that could not
     * run its share would fail those trajectories.
     *
     * @return the processors of the workers
     */
    private static int refuseUnfitWorkers(HazelcastInstance instance, String cluster, String needs) {
        List<Member> workers = ClusterNetwork.workers(instance);
        List<String> unfit = new ArrayList<>();
        int processors = 0;
        for (Member worker : workers) {
            List<String> lacking = ClusterNetwork.lacking(List.of(needs), ClusterNetwork.offered(worker));
            if (!lacking.isEmpty()) {
                unfit.add("member " + worker.getAddress() + " lacks " + String.join(", ", lacking));
            }
            String count = worker.getAttribute(ClusterNetwork.PROCESSORS);
            processors += count == null ? 1 : Integer.parseInt(count);
        }
        if (!unfit.isEmpty()) {
            throw new IllegalStateException("cluster " + cluster + " cannot run this sweep: " + String.join("; ",
                    unfit) + ". Install the bundles there (or stop those members) and run the sweep again; nothing"
                    + " was written");
        }
        return processors;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster's workers");
        }
    }
}
