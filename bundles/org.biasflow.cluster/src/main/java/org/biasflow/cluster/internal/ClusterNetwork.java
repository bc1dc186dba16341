package org.biasflow.cluster.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/** How biasflow's processes form a Hazelcast cluster, and the names they share in it. */
final class ClusterNetwork {

    static final String EXECUTOR = "biasflow.trajectories";
    /** Sweep id → the services its trajectories need ({@link #requirements}), '|', its data hash; while it runs. */
    static final String SWEEPS = "biasflow.sweeps";
    /** Data hash → the data file's bytes, so a data set travels once to each member rather than with every task. */
    static final String DATA = "biasflow.data";
    /** Sweep ids whose trajectories are to stop. */
    static final String CANCELLED = "biasflow.cancelled";
    /** Member attribute: the services of the member, as {@code kind:name} separated by commas. */
    static final String SERVICES = "biasflow.services";
    /** Member attribute: the processors of the member, which run that many trajectories at once. */
    static final String PROCESSORS = "biasflow.processors";
    static final String WORK = "biasflow.member";
    static final int DEFAULT_PORT = 5701;

    /** Held, so that the level set on it is not lost when the logger is collected. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private ClusterNetwork() {
    }

    /**
     * Starts this process's cluster instance, always as a lite member (one that runs no tasks); a worker promotes
     * itself once it has checked that it can run what the cluster's sweeps need.
     *
     * @param address the interface to listen on; {@code null} for loopback only
     * @param work the worker's services, or {@code null} for a submitter
     */
    static HazelcastInstance join(String version, String cluster, List<String> members, String address, int port,
            MemberWork work) {
        if (cluster == null || cluster.isBlank() || !cluster.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--cluster '" + cluster + "': a cluster name is letters, digits, '.',"
                    + " '_' and '-'");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("--members is empty: name at least one member, host or host:port");
        }
        HAZELCAST_LOG.setLevel(Level.WARNING);
        Config config = new Config();
        // Hazelcast resolves tasks' classes through this loader: in OSGi its own bundle cannot see ours.
        config.setClassLoader(ClusterNetwork.class.getClassLoader());
        config.setClusterName(clusterName(version, cluster));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(address == null ? "127.0.0.1" : address);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(members));
        config.setLiteMember(true);
        int processors = Runtime.getRuntime().availableProcessors();
        config.getDurableExecutorConfig(EXECUTOR).setPoolSize(processors).setDurability(1);
        config.getMemberAttributeConfig().setAttribute(PROCESSORS, Integer.toString(processors));
        if (work != null) {
            config.getMemberAttributeConfig().setAttribute(SERVICES, String.join(",", work.services()));
            ConcurrentHashMap<String, Object> context = new ConcurrentHashMap<>();
            context.put(WORK, work);
            config.setUserContext(context);
        }
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addClasses(TrajectoryTask.class.getName());
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        try {
            return Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot join cluster " + cluster + " through " + members + " listening on "
                    + (address == null ? "127.0.0.1" : address) + ": " + e.getMessage(), e);
        }
    }

    static String clusterName(String version, String cluster) {
        return "biasflow-" + version + "-" + cluster;
    }

    /** The services a process offers, as {@code kind:name}. */
    static Set<String> services(ServiceCatalog catalog) {
        Set<String> names = new TreeSet<>();
        for (ServiceInfo info : catalog.services()) {
            names.add(info.kind() + ":" + info.name());
        }
        return names;
    }

    /** What a sweep needs, as {@code kind:name} separated by commas. */
    static String requirements(List<String> models, String loss, String integrator) {
        StringBuilder needs = new StringBuilder();
        models.forEach(model -> needs.append("model:").append(model).append(','));
        return needs.append("loss:").append(loss).append(",integrator:").append(integrator).toString();
    }

    /** The needs among {@code requirements} that {@code offered} lacks, in words, or an empty list. */
    static List<String> lacking(Collection<String> requirements, Set<String> offered) {
        Set<String> missing = new TreeSet<>();
        for (String needs : requirements) {
            for (String need : needs.split("\\|")[0].split(",")) {
                if (!offered.contains(need)) {
                    missing.add(need.replaceFirst(":", " '") + "'");
                }
            }
        }
        return List.copyOf(missing);
    }

    /** The members that run trajectories (lite members, submitters among them, do not). */
    static List<Member> workers(HazelcastInstance instance) {
        return instance.getCluster().getMembers().stream().filter(member -> !member.isLiteMember()).toList();
    }

    static Set<String> offered(Member member) {
        String services = member.getAttribute(SERVICES);
        return services == null ? Set.of() : Set.of(services.split(","));
    }
}
