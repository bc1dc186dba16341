package org.biasflow.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
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
    /** The location prefix of the bundles the launcher carries, as opposed to dropped-in ones. */
    private static final String PACKED = "biasflow:";
    private static final String BIASFLOW_COMMANDS = "(osgi.command.scope=bf)";
    private static final long STARTUP_TIMEOUT_MILLIS = 60_000;

    private final Framework framework;
    private final FrameworkStorage storage;
    private final Path configurations;
    private final Path loadDirectory;

    private EmbeddedFramework(Framework framework, FrameworkStorage storage, Path configurations,
            Path loadDirectory) {
        this.framework = framework;
        this.storage = storage;
        this.configurations = configurations;
        this.loadDirectory = loadDirectory;
    }

    /**
     * Starts the framework found on the class path (Felix in the launcher jar), reusing the bundle cache of an
     * earlier launch when it can, and waits until the bf: commands are registered and the drop-in folder's first
     * contents are installed.
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
        PackedBundles bundles = PackedBundles.ofLauncher();
        return start(factory, loadDirectory, Map.of(), bundles, FrameworkStorage.reusable(bundles));
    }

    /** Starts the given framework with a bundle cache of its own. */
    public static EmbeddedFramework start(FrameworkFactory factory, Path loadDirectory,
            Map<String, String> extraProperties) {
        return start(factory, loadDirectory, extraProperties, PackedBundles.ofLauncher(),
                FrameworkStorage.temporary());
    }

    private static EmbeddedFramework start(FrameworkFactory factory, Path loadDirectory,
            Map<String, String> extraProperties, PackedBundles bundles, FrameworkStorage storage) {
        Path configurations;
        try {
            configurations = Files.createTempDirectory("biasflow-configuration-");
            Files.createDirectories(loadDirectory);
        } catch (IOException e) {
            storage.close();
            throw new UncheckedIOException(e);
        }
        boolean warm = storage.isComplete();
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.folder.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN,
                warm ? "none" : Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Configuration lives as long as one launch: what a .cfg file set must not outlive the file or the folder.
        properties.put("felix.cm.dir", configurations.toString());
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
        EmbeddedFramework embedded = new EmbeddedFramework(framework, storage, configurations, loadDirectory);
        try {
            framework.init();
            if (warm) {
                embedded.forgetDropIns();
            } else {
                embedded.install(bundles);
            }
            framework.start();
            embedded.startPacked();
            embedded.awaitService(BIASFLOW_COMMANDS);
            embedded.awaitDropIns();
            storage.markComplete();
            return embedded;
        } catch (BundleException | RuntimeException e) {
            embedded.close();
            throw new IllegalStateException("the framework did not start: " + e.getMessage(), e);
        }
    }

    private void install(PackedBundles bundles) throws BundleException {
        BundleContext context = framework.getBundleContext();
        for (String name : bundles.names()) {
            context.installBundle(PACKED + name, bundles.open(name));
        }
    }

    /** Bundles an earlier launch took from its drop-in folder: FileInstall installs this launch's own. */
    private void forgetDropIns() throws BundleException {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getBundleId() != 0 && !bundle.getLocation().startsWith(PACKED)) {
                bundle.uninstall();
            }
        }
    }

    private void startPacked() {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getLocation().startsWith(PACKED) && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                startReportingFailure(bundle);
            }
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
        return PackedBundles.ofLauncher().names();
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
            storage.close();
            FrameworkStorage.deleteQuietly(configurations);
        }
    }
}
