package org.biasflow.run;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sweeps whose trajectories run on a cluster of biasflow processes; registered by the optional
 * {@code org.biasflow.cluster} bundle, and used by {@code bf:sweep --cluster}.
 *
 * @since 1.4
 */
@ConsumerType
public interface ClusterSweeps {

    /**
     * Joins the cluster (without taking trajectories itself), runs the sweep as {@link SweepRunner#sweep} does with
     * its trajectories on the cluster's members, and leaves the cluster.
     *
     * @param cluster the cluster's name, shared by its members
     * @param members addresses (host or host:port) of members to join through
     * @param address the local address to listen on, or {@code null} for the loopback interface
     * @throws IllegalStateException when no member can run the sweep (none reachable, or a member lacks a service the
     *                               sweep needs: named), before anything is written
     */
    SweepOutcome sweep(SweepRequest request, SweepListener listener, String cluster, List<String> members,
            String address);
}
