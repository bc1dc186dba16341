package org.biasflow.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The bundle jars the launcher carries under {@code bundles/}: entries of the launcher jar, or files of the build's
 * class folder in tests.
 */
final class PackedBundles {
    private static final String FOLDER = "bundles/";

    private final Path codeSource;
    /** CRC-32 of each jar, by file name: cheap to get from a jar's directory, and enough to notice a change. */
    private final SortedMap<String, Long> checksums = new TreeMap<>();

    private PackedBundles(Path codeSource) throws IOException {
        this.codeSource = codeSource;
        if (Files.isDirectory(codeSource)) {
            try (Stream<Path> files = Files.list(codeSource.resolve(FOLDER))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (isJar(file.getFileName().toString())) {
                        CRC32 crc = new CRC32();
                        crc.update(Files.readAllBytes(file));
                        checksums.put(file.getFileName().toString(), crc.getValue());
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(codeSource.toFile())) {
                jar.stream().filter(e -> e.getName().startsWith(FOLDER) && isJar(e.getName())).forEach(
                        e -> checksums.put(e.getName().substring(FOLDER.length()), e.getCrc()));
            }
        }
    }

    static PackedBundles ofLauncher() {
        try {
            return new PackedBundles(Path.of(PackedBundles.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the packed bundles: " + e.getMessage(), e);
        }
    }

    private static boolean isJar(String name) {
        return name.endsWith(".jar") && !name.endsWith("/");
    }

    Set<String> names() {
        return checksums.keySet();
    }

    /** A short digest of every packed jar's name and checksum: equal digests, equal bundle sets. */
    String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            checksums.forEach((name, crc) -> digest.update((name + ':' + crc + '\n').getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar's bytes, read whole so that the launcher jar is closed again at once. */
    InputStream open(String name) {
        try {
            if (Files.isDirectory(codeSource)) {
                return new ByteArrayInputStream(Files.readAllBytes(codeSource.resolve(FOLDER).resolve(name)));
            }
            try (JarFile jar = new JarFile(codeSource.toFile())) {
                JarEntry entry = jar.getJarEntry(FOLDER + name);
                try (InputStream in = jar.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packed bundle " + name + ": " + e.getMessage(), e);
        }
    }
}
