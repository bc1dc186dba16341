package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Karaf features and the launcher's bundle set are two lists; this proves they name the same biasflow
 * bundles at the same versions, and that the launcher adds only what a Karaf container provides itself.
 */
class FeaturesAgreementIT {

    /** Bundles the launcher carries that Karaf ships (SCR, Config Admin, Gogo, FileInstall and their APIs). */
    private static final Pattern PLATFORM = Pattern.compile(
            "org\\.apache\\.felix\\.(scr|configadmin|metatype|gogo\\..*|fileinstall)|org\\.osgi\\..*");

    @Test
    void featuresNameExactlyTheLaunchersApplicationBundles() throws IOException {
        String features = Files.readString(Path.of(System.getProperty("biasflow.fixtures"),
                "org.biasflow.features-features.xml"));
        int cluster = features.indexOf("<feature name=\"biasflow-cluster\"");
        assertTrue(cluster > 0, "the features name biasflow-cluster");
        int clusterEnd = features.indexOf("\n  </feature>", cluster); // its own end, not that of the feature it names
        Set<String> featured = bundles(features.substring(0, cluster) + features.substring(clusterEnd));
        Set<String> clusterFeatured = bundles(features.substring(cluster, clusterEnd));
        Set<String> clusterDropIns;
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("biasflow.cluster")))) {
            clusterDropIns = jars.map(jar -> jar.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(clusterDropIns, clusterFeatured, "biasflow-cluster names the jars of target/cluster/");

        Set<String> launched = EmbeddedFramework.packedBundleNames().stream()
                .filter(name -> !PLATFORM.matcher(name.replaceAll("-\\d.*", "")).matches())
                .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(launched.size() >= 9, "application bundles found: " + launched);
        assertEquals(launched, featured);
        assertTrue(launched.stream().noneMatch(clusterFeatured::contains), "the cluster is not packed: " + launched);
    }

    private static Set<String> bundles(String features) {
        Set<String> named = new TreeSet<>();
        Matcher bundle = Pattern.compile("<bundle>mvn:[^/]+/([^/]+)/([^<]+)</bundle>").matcher(features);
        while (bundle.find()) {
            named.add(bundle.group(1) + "-" + bundle.group(2) + ".jar");
        }
        return named;
    }
}
