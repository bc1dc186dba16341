package org.biasflow.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.data.IoProblems;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import com.hazelcast.core.HazelcastInstance;

/**
 * {@code bf:member}: this process becomes a worker of a cluster until the command is stopped. The cluster is
 * joined when the command runs, never when the bundle starts: joining takes seconds and opens a port.
 */
@Component(service = MemberCommand.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=member" })
public class MemberCommand {

    @Reference
    TrajectoryRunner runner;

    @Reference
    ServiceCatalog catalog;

    private String version;
    private volatile HazelcastInstance instance;

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    @Descriptor("make this process a worker of a biasflow cluster: it runs the trajectories that bf:sweep --cluster"
            + " NAME sends, with its own services, until Ctrl-C (or bf:cancel from another session, or the process"
            + " stopping). A cluster belongs on a trusted network: members neither encrypt nor authenticate. A worker"
            + " that lacks a model, loss or integrator a running sweep needs is refused and leaves")
    public String member(
            @Descriptor("the cluster's name, shared by its members and submitters")
            @Parameter(names = "--cluster", absentValue = "") String cluster,
            @Descriptor("comma-separated members to join through, host or host:port (default 127.0.0.1)")
            @Parameter(names = "--members", absentValue = "127.0.0.1") String members,
            @Descriptor("the local address to listen on (default: the loopback interface only)")
            @Parameter(names = "--address", absentValue = "") String address,
            @Descriptor("the first port to try; the next free one is taken (default 5701)")
            @Parameter(names = "--port", absentValue = "5701") int port) {
        if (cluster.isEmpty()) {
            throw new IllegalArgumentException("bf:member needs --cluster NAME");
        }
        if (instance != null) {
            throw new IllegalStateException("this process is already a member of a cluster");
        }
        Path folder;
        try {
            folder = Files.createTempDirectory("biasflow-member-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder for the member: " + IoProblems.reason(e),
                    e);
        }
        MemberWork work = new MemberWork(runner, catalog, folder);
        List<String> memberList = Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty())
                .toList();
        HazelcastInstance joined = ClusterNetwork.join(version, cluster, memberList, address.isEmpty() ? null
                : address, port, work);
        instance = joined;
        try {
            work.joined(joined);
            refuseIfUnfit(joined, work, cluster);
            joined.getCluster().promoteLocalLiteMember();
            // A sweep may have started between the check and the promotion: checked again as a worker.
            refuseIfUnfit(joined, work, cluster);
            System.out.println("member " + joined.getCluster().getLocalMember().getAddress() + " of cluster "
                    + cluster + " (" + ClusterNetwork.workers(joined).size() + " workers); Ctrl-C leaves");
            System.out.flush();
            while (joined.getLifecycleService().isRunning()) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    // Ctrl-C: nothing more is printed from this thread (its console channel would close)
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return "left cluster " + cluster + "\n";
        } finally {
            work.leaving();
            leave();
            MemberWork.deleteTree(folder);
        }
    }

    private static void refuseIfUnfit(HazelcastInstance joined, MemberWork work, String cluster) {
        if (ClusterNetwork.workers(joined).isEmpty()) {
            return; // no worker, no sweep running (and no map to read: maps live on workers)
        }
        List<String> lacking = ClusterNetwork.lacking(joined.<String, String>getMap(ClusterNetwork.SWEEPS).values(),
                work.services());
        if (!lacking.isEmpty()) {
            throw new IllegalStateException("refused: a sweep running on cluster " + cluster + " needs "
                    + String.join(", ", lacking) + ", which this process lacks; install the bundle that provides it"
                    + " (bf:services lists what is here) and start the member again");
        }
    }

    @Deactivate
    void leave() {
        HazelcastInstance joined = instance;
        instance = null;
        if (joined != null) {
            joined.shutdown();
        }
    }
}
