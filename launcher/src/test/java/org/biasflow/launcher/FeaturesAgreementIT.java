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
        Set<String> featured = new TreeSet<>();
        Matcher bundle = Pattern.compile("<bundle>mvn:[^/]+/([^/]+)/([^<]+)</bundle>").matcher(features);
        while (bundle.find()) {
            featured.add(bundle.group(1) + "-" + bundle.group(2) + ".jar");
        }

        Set<String> launched = EmbeddedFramework.packedBundleNames().stream()
                .filter(name -> !PLATFORM.matcher(name.replaceAll("-\\d.*", "")).matches())
                .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(launched.size() >= 9, "application bundles found: " + launched);
        assertEquals(launched, featured);
    }
}
