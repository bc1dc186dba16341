package org.biasflow.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * An OSGi framework running the biasflow bundle set: the bundles packed under {@code bundles/} beside this
 * class (inside the launcher jar, or in the build's class folder), a Gogo shell, and a FileInstall drop-in
 * folder. Used by {@link Main} and, unchanged, by the integration tests.
 */
public final class EmbeddedFramework implements AutoCloseable {
    /** The location prefix of the bundles the launcher carries, as opposed to dropped-in ones. */
    static final String PACKED = "biasflow:";
    private static final String BIASFLOW_COMMANDS = "(osgi.command.scope=bf)";
    private static final long STARTUP_TIMEOUT_MILLIS = 60_000;

    private final Framework framework;
    private final FrameworkStorage storage;
    /** This launch's private folder: configuration, and the empty folder watched when there is no drop-in one. */
    private final LaunchFolder launchFolder;
    private final Diagnostics diagnostics;
    private Thread dropInCheck;

    private EmbeddedFramework(Framework framework, FrameworkStorage storage, LaunchFolder launchFolder,
            Diagnostics diagnostics) {
        this.framework = framework;
        this.storage = storage;
        this.launchFolder = launchFolder;
        this.diagnostics = diagnostics;
    }

    /**
     * Starts the framework found on the class path (Felix in the launcher jar), reusing the bundle cache of an
     * earlier launch when it can, and waits until the bf: commands are registered and the drop-in folder's first
     * contents are installed.
     */
    public static EmbeddedFramework start(Path loadDirectory) {
        return start(loadDirectory, true, new Diagnostics(System.err, false));
    }

    /**
     * As {@link #start(Path)}; a drop-in folder that was not {@code given} on the command line and cannot serve is
     * done without.
     *
     * @throws IllegalArgumentException when a given drop-in folder cannot serve (a one-line message)
     * @throws IllegalStateException when the framework does not start
     */
    static EmbeddedFramework start(Path loadDirectory, boolean given, Diagnostics diagnostics) {
        // Felix is the framework the launcher ships; another one on the class path (as in tests) is chosen
        // explicitly through the other start method.
        List<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        FrameworkFactory factory = factories.stream()
                .filter(f -> f.getClass().getName().startsWith("org.apache.felix.")).findFirst()
                .or(() -> factories.stream().findFirst())
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        PackedBundles bundles = PackedBundles.ofLauncher();
        return start(factory, loadDirectory, given, Map.of(), bundles, FrameworkStorage.reusable(bundles, diagnostics),
                diagnostics);
    }

    /** Starts the given framework with a bundle cache of its own. */
    public static EmbeddedFramework start(FrameworkFactory factory, Path loadDirectory,
            Map<String, String> extraProperties) {
        return start(factory, loadDirectory, true, extraProperties, PackedBundles.ofLauncher(),
                FrameworkStorage.temporary(), new Diagnostics(System.err, false));
    }

    private static EmbeddedFramework start(FrameworkFactory factory, Path loadDirectory, boolean given,
            Map<String, String> extraProperties, PackedBundles bundles, FrameworkStorage storage,
            Diagnostics diagnostics) {
        LaunchFolder launchFolder = null;
        try {
            try {
                launchFolder = LaunchFolder.create();
                Files.createDirectory(launchFolder.path.resolve("configuration"));
                Files.createDirectory(launchFolder.path.resolve("no-drop-ins"));
                Files.createDirectory(launchFolder.path.resolve("fileinstall"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a folder in the temp folder "
                        + System.getProperty("java.io.tmpdir") + ": " + Diagnostics.reason(e), e);
            }
            Path watched = DropIns.prepare(loadDirectory, given, launchFolder.path.resolve("no-drop-ins"), diagnostics);
            Map<String, Object> properties = new HashMap<>();
            properties.put(Constants.FRAMEWORK_STORAGE, storage.folder.toString());
            // the launcher empties the cache itself: Felix would make the folder anew, with the default permissions
            properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
            // Configuration lives as long as one launch: what a .cfg file set must not outlive the file or the folder.
            properties.put("felix.cm.dir", launchFolder.path.resolve("configuration").toString());
            properties.put("felix.fileinstall.dir", watched.toAbsolutePath().toString());
            // FileInstall's own scratch folder, in the temp folder by default, goes with the launch's: a launch killed
            // with SIGKILL left it behind, and the next launch removes the launch folder whole
            properties.put("felix.fileinstall.tmpdir", launchFolder.path.resolve("fileinstall").toString());
            properties.put("felix.fileinstall.poll", "300");
            properties.put("felix.fileinstall.noInitialDelay", "true");
            properties.put("felix.fileinstall.log.level", diagnostics.debug ? "4" : "2");
            properties.put("felix.fileinstall.log.default", "jul");
            properties.put("felix.fileinstall.enableConfigSave", "false");
            // The Gogo shell bundle contributes its commands (echo, each, ...) but never reads the terminal: the
            // launcher's own prompt does, and the launcher, not the shell, decides when the framework stops.
            properties.put("gosh.args", "--nointeractive --noshutdown --quiet");
            // Hazelcast (the optional cluster) sets socket options of jdk.net, which is not a package of java.*
            properties.put(Constants.FRAMEWORK_BOOTDELEGATION, "jdk.net,jdk.net.*");
            // Its bundle, once dropped in, logs at start through java.util.logging unless told otherwise; a member
            // logs its warnings as the cluster bundle configures it.
            System.getProperties().putIfAbsent("hazelcast.logging.type", "none");
            System.getProperties().putIfAbsent("hazelcast.osgi.jsr223.disabled", "true");
            properties.putAll(extraProperties);
            if (storage.isComplete()) {
                try {
                    return launch(factory, properties, bundles, storage, launchFolder, watched, diagnostics, true);
                } catch (DamagedCache e) {
                    diagnostics.note("the bundle cache " + storage.folder + " was damaged (" + e.getMessage()
                            + "): rebuilding it");
                    diagnostics.trace(e);
                }
            }
            storage.reset();
            return launch(factory, properties, bundles, storage, launchFolder, watched, diagnostics, false);
        } catch (RuntimeException e) {
            storage.close();
            if (launchFolder != null) {
                launchFolder.close();
            }
            throw e;
        }
    }

    /** A reused bundle cache that does not hold the bundle set, or from which it does not start. */
    private static final class DamagedCache extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DamagedCache(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static EmbeddedFramework launch(FrameworkFactory factory, Map<String, Object> properties,
            PackedBundles bundles, FrameworkStorage storage, LaunchFolder launchFolder, Path watched,
            Diagnostics diagnostics, boolean warm) {
        Map<String, Object> launchProperties = new HashMap<>(properties);
        Object felixLog = null;
        if (factory.getClass().getName().startsWith("org.apache.felix.")) {
            felixLog = FelixLog.create(diagnostics);
            launchProperties.put("felix.log.logger", felixLog);
        }
        FileInstallLog fileInstallLog = FileInstallLog.install(diagnostics);
        Framework framework = factory.newFramework((Map) launchProperties);
        EmbeddedFramework embedded = new EmbeddedFramework(framework, storage, launchFolder, diagnostics);
        try {
            framework.init();
            if (warm) {
                embedded.checkCache(bundles);
                embedded.forgetDropIns();
            } else {
                embedded.install(bundles);
            }
            // The packed bundles are wired to one another before FileInstall (one of them, which a reused cache
            // starts with the framework) installs any drop-in: a drop-in that exports biasflow's own packages (a jar
            // that shades the API in) cannot take their place
            framework.adapt(FrameworkWiring.class).resolveBundles(embedded.packed());
            framework.start();
            List<String> failures = embedded.startPacked();
            if (warm && !failures.isEmpty()) {
                throw new DamagedCache(String.join("; ", failures), null);
            }
            failures.forEach(failure -> diagnostics.note(failure));
            embedded.awaitService(BIASFLOW_COMMANDS);
            DropIns.await(framework.getBundleContext(), watched, diagnostics, STARTUP_TIMEOUT_MILLIS);
            storage.markComplete();
            if (felixLog != null) {
                FelixLog.started(felixLog);
            }
            fileInstallLog.started();
            embedded.dropInCheck = DropIns.watch(watched, diagnostics);
            return embedded;
        } catch (BundleException | RuntimeException e) {
            embedded.stop();
            if (warm) {
                throw e instanceof DamagedCache damaged ? damaged : new DamagedCache(Diagnostics.describe(e), e);
            }
            throw new IllegalStateException("the framework did not start: " + Diagnostics.describe(e), e);
        }
    }

    private void install(PackedBundles bundles) throws BundleException {
        BundleContext context = framework.getBundleContext();
        for (String name : bundles.names()) {
            context.installBundle(PACKED + name, bundles.open(name));
        }
    }

    /** Whether a reused cache holds exactly the packed bundles, each readable. */
    private void checkCache(PackedBundles bundles) {
        Set<String> missing = new TreeSet<>(bundles.names());
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith(PACKED) && bundle.getSymbolicName() != null) {
                missing.remove(location.substring(PACKED.length()));
            }
        }
        if (!missing.isEmpty()) {
            List<String> names = new ArrayList<>(missing);
            throw new DamagedCache(names.size() + " of " + bundles.names().size() + " bundles missing: "
                    + String.join(", ", names.subList(0, Math.min(3, names.size())))
                    + (names.size() > 3 ? ", ..." : ""), null);
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

    private List<Bundle> packed() {
        return java.util.Arrays.stream(framework.getBundleContext().getBundles())
                .filter(bundle -> bundle.getLocation().startsWith(PACKED)).toList();
    }

    /** Starts every packed bundle; what did not start, one line each. */
    private List<String> startPacked() {
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getLocation().startsWith(PACKED) && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    bundle.start();
                } catch (BundleException | RuntimeException e) {
                    // One broken bundle must not take the workbench down; bf:services shows what did come up.
                    failures.add("bundle " + bundle.getSymbolicName() + " did not start: " + Diagnostics.describe(e));
                }
            }
        }
        return failures;
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

    /** Whether the framework has begun to stop (Ctrl-C, SIGINT or SIGTERM, or its close): services are leaving. */
    boolean stopping() {
        return framework.getState() != org.osgi.framework.Bundle.ACTIVE;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** A new Gogo session whose command output goes to {@code out} and {@code err}. */
    public GogoSession session(InputStream in, OutputStream out, OutputStream err) {
        return new GogoSession(context(), in, out, err);
    }

    /** The name and version of the bundle holding a class, or {@code null} (for naming where a failure arose). */
    String bundleOf(String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (bundle.getBundleId() != 0 && bundle.getEntry(entry) != null) {
                return bundle.getSymbolicName() + " " + bundle.getVersion();
            }
        }
        return null;
    }

    private void stop() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException | RuntimeException e) {
            diagnostics.note("the framework did not stop cleanly: " + Diagnostics.describe(e));
            diagnostics.trace(e);
        }
    }

    @Override
    public void close() {
        if (dropInCheck != null) {
            dropInCheck.interrupt();
        }
        try {
            stop();
        } finally {
            storage.close();
            launchFolder.close();
        }
    }
}
