package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The features/ descriptor installed into a real Apache Karaf (the minimal distribution from Maven Central), and
 * bf:services run in Karaf's shell. The built bundles are not in a Maven repository during {@code verify}, so the
 * features' biasflow URLs are pointed at the jars the launcher packs; third-party bundles come as Karaf fetches
 * them.
 */
class KarafIT {
    private static final long PATIENCE_MILLIS = 120_000;

    @TempDir
    Path folder;

    @Test
    void theFeaturesInstallIntoKarafAndTheCommandsRunInItsShell() throws Exception {
        Path karaf = unpackKaraf();
        String port = Integer.toString(freePort());
        enableUserAndPort(karaf, port);
        Path features = localFeatures();

        Process server = new ProcessBuilder("sh", "bin/karaf", "server").directory(karaf.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("karaf.out").toFile()).start();
        try {
            awaitPort(Integer.parseInt(port));
            client(karaf, port, "feature:repo-add " + features.toUri() + "\nfeature:install biasflow-shell\n");
            String services = "";
            long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
            while (!services.contains("regimes") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                // Karaf's shell prints what commands print, not what they return: echo prints the table.
                services = client(karaf, port, "echo (bf:services)\n");
            }
            assertTrue(services.contains("diagonal") && services.contains("org.biasflow.model.diagonal")
                    && services.contains("regimes"), services + "\n" + Files.readString(folder.resolve("karaf.out")));

            // The optional cluster, as the README installs it in Karaf: Hazelcast starts in Karaf's framework, joins
            // as the sweep's submitter, and, with no worker anywhere, says so and writes nothing.
            String install = client(karaf, port, "feature:install biasflow-cluster\n");
            Path data = folder.resolve("d.csv");
            Files.writeString(data, "y,x1,x2\n1,1,0\n-1,0,1\n");
            String cluster = "karaf-it-" + port;
            String sweep = client(karaf, port, "bf:sweep --data " + data + " --alphas 1 --depths 2 --eps 1e-1 --out "
                    + folder.resolve("sweep") + " --cluster " + cluster + "\n");
            assertTrue(sweep.contains("no worker of cluster " + cluster), install + sweep + "\n"
                    + Files.readString(folder.resolve("karaf.out")));
            assertFalse(Files.exists(folder.resolve("sweep")));
        } finally {
            stop(server);
        }
    }

    /** Stops the launch script and the JVM it started, and waits for both, so the folder can be removed. */
    private static void stop(Process server) throws Exception {
        List<ProcessHandle> processes = new java.util.ArrayList<>(server.descendants().toList());
        processes.add(server.toHandle());
        for (ProcessHandle process : processes) {
            process.destroy();
        }
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                process.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private Path unpackKaraf() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("biasflow.fixtures"), "apache-karaf-minimal.tar.gz");
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", folder.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        try (var entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("apache-karaf")).findFirst()
                    .orElseThrow();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Karaf ships with its only user commented out, and ssh on a fixed port. */
    private static void enableUserAndPort(Path karaf, String port) throws IOException {
        Path users = karaf.resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users).replace("#karaf = karaf,", "karaf = karaf,")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup"));
        Path shell = karaf.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shell, Files.readString(shell).replace("sshPort = 8101", "sshPort = " + port));
    }

    /** The built features file, with each biasflow bundle's Maven URL replaced by the packed jar's file URL. */
    private Path localFeatures() throws IOException {
        String features = Files.readString(Path.of(System.getProperty("biasflow.fixtures"),
                "org.biasflow.features-features.xml"));
        Matcher bundle = Pattern.compile("<bundle>mvn:org\\.biasflow/([^/]+)/([^<]+)</bundle>").matcher(features);
        StringBuilder local = new StringBuilder();
        while (bundle.find()) {
            String name = bundle.group(1) + "-" + bundle.group(2) + ".jar";
            Path jar = Path.of(System.getProperty("biasflow.bundles"), name);
            if (!Files.exists(jar)) {
                jar = Path.of(System.getProperty("biasflow.cluster"), name); // the optional cluster is not packed
            }
            assertTrue(Files.exists(jar), jar + " is named in the features but was not built");
            bundle.appendReplacement(local, Matcher.quoteReplacement("<bundle>" + jar.toUri() + "</bundle>"));
        }
        bundle.appendTail(local);
        Path file = folder.resolve("biasflow-features.xml");
        Files.writeString(file, local.toString());
        return file;
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("Karaf's ssh port " + port + " did not open");
    }

    /** Runs commands in Karaf's shell through its ssh client in batch mode, returning what they printed. */
    private String client(Path karaf, String port, String commands) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(List.of("sh", "bin/client", "-u", "karaf", "-p", "karaf", "-a", port,
                "-r", "10", "-b")).directory(karaf.toFile()).redirectErrorStream(true).start();
        client.getOutputStream().write(commands.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "Karaf's client did not finish");
        return output;
    }
}
