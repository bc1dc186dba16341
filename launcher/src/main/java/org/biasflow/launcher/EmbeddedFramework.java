package org.biasflow.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An OSGi framework running the biasflow bundle set: the bundles packed under {@code bundles/} beside this
 * class (inside the launcher jar, or in the build's class folder), a Gogo shell, and a FileInstall drop-in
 * folder. Used by {@link Main} and, unchanged, by the integration tests.
 */
public final class EmbeddedFramework implements AutoCloseable {
    static final String SHELL_BUNDLE = "org.apache.felix.gogo.shell";
    private static final String BIASFLOW_COMMANDS = "(osgi.command.scope=bf)";
    private static final long STARTUP_TIMEOUT_MILLIS = 60_000;

    private final Framework framework;
    private final Path storage;
    private final Path loadDirectory;

    private EmbeddedFramework(Framework framework, Path storage, Path loadDirectory) {
        this.framework = framework;
        this.storage = storage;
        this.loadDirectory = loadDirectory;
    }

    /**
     * Starts the framework found on the class path (Felix in the launcher jar) and waits until the bf: commands
     * are registered and the drop-in folder's first contents are installed.
     */
    public static EmbeddedFramework start(Path loadDirectory) {
        // Felix is the framework the launcher ships; another one on the class path (as in tests) is chosen
        // explicitly through the other start method.
        List<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        FrameworkFactory factory = factories.stream()
                .filter(f -> f.getClass().getName().startsWith("org.apache.felix.")).findFirst()
                .or(() -> factories.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        return start(factory, loadDirectory, Map.of());
    }

    public static EmbeddedFramework start(FrameworkFactory factory, Path loadDirectory,
            Map<String, String> extraProperties) {
        Path storage;
        try {
            storage = Files.createTempDirectory("biasflow-framework-");
            Files.createDirectories(loadDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.log.level", "1");
        properties.put("felix.fileinstall.dir", loadDirectory.toAbsolutePath().toString());
        properties.put("felix.fileinstall.poll", "300");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.log.level", "1");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // The Gogo shell bundle contributes its commands (echo, each, ...) but never reads the terminal: the
        // launcher's own prompt does, and the launcher, not the shell, decides when the framework stops.
        properties.put("gosh.args", "--nointeractive --noshutdown --quiet");
        properties.putAll(extraProperties);

        Framework framework = factory.newFramework(properties);
        EmbeddedFramework embedded = new EmbeddedFramework(framework, storage, loadDirectory);
        try {
            framework.start();
            embedded.installAndStart();
            return embedded;
        } catch (BundleException | RuntimeException e) {
            embedded.close();
            throw new IllegalStateException("the framework did not start: " + e.getMessage(), e);
        }
    }

    private void installAndStart() throws BundleException {
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        Bundle shell = null;
        for (Map.Entry<String, byte[]> jar : packedBundles().entrySet()) {
            Bundle bundle = context.installBundle("biasflow:" + jar.getKey(), new ByteArrayInputStream(jar.getValue()));
            if (SHELL_BUNDLE.equals(bundle.getSymbolicName())) {
                shell = bundle;
            } else {
                installed.add(bundle);
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                startReportingFailure(bundle);
            }
        }
        awaitService(BIASFLOW_COMMANDS);
        awaitDropIns();
        // Last, so that a script or the prompt never meets a command that is not there yet.
        if (shell != null) {
            startReportingFailure(shell);
        }
    }

    private static void startReportingFailure(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException e) {
            // One broken bundle must not take the workbench down; bf:services shows what did come up.
            System.err.println("biasflow: bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    /** The names of the bundle jars the launcher carries. */
    static Set<String> packedBundleNames() {
        return packedBundles().keySet();
    }

    /**
     * The jars under {@code bundles/} next to this class (a folder in a build, entries of the launcher jar when
     * packed), by file name, read whole so that the jar's file system can be closed at once.
     */
    private static SortedMap<String, byte[]> packedBundles() {
        try {
            Path codeSource = Path.of(EmbeddedFramework.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            if (Files.isDirectory(codeSource)) {
                return readJars(codeSource.resolve("bundles"));
            }
            try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
                return readJars(jar.getPath("/bundles"));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the packed bundles: " + e.getMessage(), e);
        }
    }

    private static SortedMap<String, byte[]> readJars(Path folder) throws IOException {
        SortedMap<String, byte[]> jars = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar")) {
                    jars.put(name, Files.readAllBytes(file));
                }
            }
        }
        return jars;
    }

    private void awaitService(String filter) {
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MILLIS;
        while (!hasService(filter)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no service matching " + filter + " after "
                        + STARTUP_TIMEOUT_MILLIS / 1000 + " s; bundles not active: " + inactiveBundles());
            }
            pause();
        }
    }

    /**
     * FileInstall scans the drop-in folder on its own thread; a command given on the command line must still
     * see what was in the folder at start, so wait for every jar there to be installed and active.
     */
    private void awaitDropIns() {
        List<String> jars;
        try (Stream<Path> files = Files.list(loadDirectory)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MILLIS;
        while (!jars.stream().allMatch(this::droppedInAndSettled) && System.currentTimeMillis() < deadline) {
            pause();
        }
    }

    private boolean droppedInAndSettled(String fileName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getLocation().endsWith("/" + fileName)) {
                return bundle.getState() == Bundle.ACTIVE || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            }
        }
        return false;
    }

    private boolean hasService(String filter) {
        try {
            ServiceReference<?>[] found = framework.getBundleContext().getServiceReferences((String) null, filter);
            return found != null && found.length > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String inactiveBundles() {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                names.add(bundle.getSymbolicName());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the framework was starting", e);
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** A new Gogo session whose command output goes to {@code out} and {@code err}. */
    public GogoSession session(InputStream in, OutputStream out, OutputStream err) {
        return new GogoSession(context(), in, out, err);
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            System.err.println("biasflow: the framework did not stop cleanly: " + e.getMessage());
        } finally {
            deleteQuietly(storage);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // the framework cache lives in the temp folder; leaving it is untidy, not wrong
        }
    }
}
