package org.biasflow.cluster.internal;

import java.io.Serializable;
import java.util.HashMap;
import java.util.concurrent.Callable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

/**
 * One trajectory sent to the cluster: JDK types only, and the services looked up on the member that runs it (the
 * member's {@link MemberWork}, by name in its instance's user context).
 */
final class TrajectoryTask implements Callable<HashMap<String, Object>>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final String sweepId;
    private final String dataHash;
    private final String dataName;
    private final HashMap<String, Object> request;
    private transient HazelcastInstance instance;

    TrajectoryTask(String sweepId, String dataHash, String dataName, HashMap<String, Object> request) {
        this.sweepId = sweepId;
        this.dataHash = dataHash;
        this.dataName = dataName;
        this.request = request;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        instance = hazelcastInstance;
    }

    @Override
    public HashMap<String, Object> call() {
        Object work = instance.getUserContext().get(ClusterNetwork.WORK);
        if (!(work instanceof MemberWork member)) {
            throw new IllegalStateException("member " + instance.getCluster().getLocalMember().getAddress()
                    + " takes trajectories but is not a biasflow worker (started without bf:member)");
        }
        return member.run(sweepId, dataHash, dataName, request);
    }
}
