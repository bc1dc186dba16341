package org.biasflow.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.biasflow.api.RunControl;
import org.biasflow.api.Trajectory;
import org.biasflow.data.IoProblems;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceInfo;
import org.biasflow.run.TrajectoryExecutor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;

/**
 * Sends each trajectory of one sweep to the cluster's durable executor and writes the files that come back into the
 * trajectory's folder. A member that dies costs only the re-run of its trajectories: the durable executor runs them
 * again on the member that holds their backup, and the result is fetched from there.
 */
final class ClusterExecutor implements TrajectoryExecutor {

    /** How many times a trajectory cancelled by its member (a member stopping) is sent again. */
    private static final int RESENDS = 5;
    /** How long a trajectory cancelled by its stopping member waits for the member to leave before it is sent again. */
    private static final long LEAVE_WAIT_SECONDS = 30;
    /** How long a trajectory cancelled by the sweep may take to report back. */
    private static final long CANCEL_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HazelcastInstance instance;
    private final DurableExecutorService executor;
    private final String sweepId;
    private final String dataHash;
    private final String dataName;
    private final String integrator;
    private final Map<String, String> tolerances;

    /**
     * @param integrator the integrator the submitter's plan names, so members with another default use it too
     * @param tolerances the submitter's tolerances as options ({@code rtol}, {@code atol}), for the same reason
     */
    ClusterExecutor(HazelcastInstance instance, String sweepId, String dataHash, String dataName, String integrator,
            Map<String, String> tolerances) {
        this.instance = instance;
        this.executor = instance.getDurableExecutorService(ClusterNetwork.EXECUTOR);
        this.sweepId = sweepId;
        this.dataHash = dataHash;
        this.dataName = dataName;
        this.integrator = integrator;
        this.tolerances = tolerances;
    }

    @Override
    public RunOutcome run(RunRequest request, RunControl control) {
        long start = System.nanoTime();
        Map<String, String> options = new HashMap<>(tolerances);
        options.putAll(request.options());
        RunRequest complete = new RunRequest(request.data(), request.model(), request.spec(), request.loss(),
                request.targets(), request.output(), request.integrator() != null ? request.integrator()
                        : integrator, options, request.parameters(), false);
        TrajectoryTask task = new TrajectoryTask(sweepId, dataHash, dataName, RequestCodec.encode(complete));
        // Named by its folder, which names every setting of the sweep that varies.
        String trajectory = request.output().getFileName().toString().replaceFirst("^\\.partial-", "");
        for (int attempt = 0; attempt <= RESENDS; attempt++) {
            Map<String, Object> result = await(task, control, trajectory);
            if (result == null) {
                return cancelled(request, start);
            }
            if (MemberWork.cancelled(result) && !control.isCancelled()) {
                // its member is stopping, not the sweep: sent again once that member has left, or the durable
                // executor may hand it back to the same member, which cancels it at once (SIGTERM to a member did
                // that six times in a row and failed the sweep)
                awaitLeft((String) result.get("address"), control);
                continue;
            }
            write(request, result);
            Trajectory ended = new Trajectory(Trajectory.Status.valueOf((String) result.get("status")),
                    (String) result.get("message"), List.of(), 0, 0, 0, 0);
            return new RunOutcome(request.output(), new ServiceInfo("integrator", (String) result.get("integrator"),
                    "", "", ""), ended, (System.nanoTime() - start) / 1e9);
        }
        throw new IllegalStateException("the trajectory " + trajectory + " was stopped by its member "
                + (RESENDS + 1) + " times (members leaving one after another); the sweep keeps what it recorded:"
                + " run it again with --resume");
    }

    /** Waits, at most {@value #LEAVE_WAIT_SECONDS} s, until no member of the cluster has the given address. */
    private void awaitLeft(String address, RunControl control) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEAVE_WAIT_SECONDS);
        while (address != null && !control.isCancelled() && System.nanoTime() - deadline < 0
                && instance.getCluster().getMembers().stream()
                        .anyMatch(m -> m.getAddress().toString().equals(address))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The task's result, or {@code null} when the sweep was cancelled and the task did not report back in time. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> await(TrajectoryTask task, RunControl control, String trajectory) {
        DurableExecutorServiceFuture<HashMap<String, Object>> submitted = executor.submit(task);
        long taskId = submitted.getTaskId();
        Future<HashMap<String, Object>> future = submitted;
        long cancelDeadline = 0;
        try {
            while (true) {
                try {
                    return future.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancelDeadline == 0 && control.isCancelled()) {
                        instance.getMap(ClusterNetwork.CANCELLED).put(sweepId, Boolean.TRUE);
                        cancelDeadline = System.nanoTime() + CANCEL_WAIT_NANOS;
                    } else if (cancelDeadline != 0 && System.nanoTime() - cancelDeadline > 0) {
                        return null;
                    }
                } catch (MemberLeftException e) {
                    // Its member died: the durable executor runs the task again where its backup is.
                    future = executor.retrieveResult(taskId);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    instance.getMap(ClusterNetwork.CANCELLED).put(sweepId, Boolean.TRUE);
                    return null;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new IllegalStateException("the trajectory " + trajectory + " failed on the cluster: "
                            + cause.getMessage(), cause);
                }
            }
        } finally {
            executor.disposeResult(taskId);
        }
    }

    private static RunOutcome cancelled(RunRequest request, long start) {
        return new RunOutcome(request.output(), new ServiceInfo("integrator", "", "", "", ""), new Trajectory(
                Trajectory.Status.CANCELLED, "cancelled", List.of(), 0, 0, 0, 0), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The member's files in the trajectory's folder; run.json names the submitter's data file and folder where the
     * member recorded its own copies.
     */
    @SuppressWarnings("unchecked")
    private static void write(RunRequest request, Map<String, Object> result) {
        Path folder = request.output();
        try {
            MemberWork.deleteTree(folder);
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> file : ((Map<String, byte[]>) result.get("files")).entrySet()) {
                byte[] bytes = file.getValue();
                if (file.getKey().equals("run.json")) {
                    bytes = localized(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), request, result)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                Files.write(folder.resolve(file.getKey()), bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("write the trajectory into", folder, e),
                    e);
        }
    }

    private static String localized(String record, RunRequest request, Map<String, Object> result) {
        String memberData = quoted((String) result.get("data"));
        return record.replace("\"data\": " + memberData, "\"data\": " + quoted(request.data().toString()))
                .replace("\"file\": " + memberData, "\"file\": " + quoted(request.data().toAbsolutePath().toString()))
                .replace(quoted((String) result.get("folder")), quoted(request.output().toString()));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
