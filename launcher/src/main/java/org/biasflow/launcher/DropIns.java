package org.biasflow.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The drop-in folder at start: made ready before the framework starts, and waited for afterwards so that commands
 * given on the command line see the bundles that were in it. A jar that is not a usable bundle is named with the
 * reason and left out, within seconds rather than after the start-up timeout.
 */
final class DropIns {
    /** With no drop-in installed or started for this long, the ones still missing are examined. */
    private static final long SETTLE_MILLIS = 2_000;
    /** How often the drop-in folder is looked at after start-up ({@link #watch}). */
    private static final long WATCH_MILLIS = 1_000;
    private static final Pattern MISSING = Pattern.compile(
            "missing requirement \\[.*?\\] (\\S+); (.*?)(?: Unresolved requirements:.*)?$");
    private static final Pattern PACKAGE = Pattern.compile("osgi\\.wiring\\.package=([^)]+)\\)");

    private DropIns() {
    }

    /**
     * The folder to watch: {@code folder}, created if it does not exist. When it cannot serve, a folder given with
     * {@code --load} is an error (an {@link IllegalArgumentException} with a one-line message), and the default one
     * is done without, said in one line: the launcher then watches {@code none}, an empty private folder.
     */
    static Path prepare(Path folder, boolean given, Path none, Diagnostics diagnostics) {
        String problem = problemWith(folder);
        if (problem == null) {
            return folder;
        }
        if (given) {
            throw new IllegalArgumentException("--load " + folder + ": " + problem);
        }
        diagnostics.note("no drop-in folder: " + folder.toAbsolutePath() + " " + problem
                + " (give one with --load DIR)");
        return none;
    }

    private static String problemWith(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return "is a file, not a folder";
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return "cannot be created: " + Diagnostics.reason(e);
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.count();
        } catch (IOException e) {
            return "cannot be read: " + Diagnostics.reason(e);
        }
        return null;
    }

    /** Why a jar cannot be a bundle, judged from its bytes alone, or {@code null} if it may be one. */
    static String problem(Path jar) {
        if (!Files.isReadable(jar)) {
            return "it cannot be read: permission denied";
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return "it is not an OSGi bundle: it has no META-INF/MANIFEST.MF";
            }
            if (manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
                return "it is not an OSGi bundle: its manifest has no Bundle-SymbolicName (a plain Java library has"
                        + " to be wrapped as a bundle first, e.g. with bnd)";
            }
            return null;
        } catch (ZipException e) {
            return "it is not a readable jar (" + e.getMessage() + "): truncated, damaged, or not a jar at all";
        } catch (IOException | SecurityException e) {
            return "it cannot be read as a jar: " + Diagnostics.describe(e);
        }
    }

    /**
     * Waits until every jar in {@code folder} is installed and active, naming on stderr each one that is not a
     * usable bundle (not a jar, not a bundle, a duplicate, unresolvable, failing to start), which is left out.
     */
    static void await(BundleContext context, Path folder, Diagnostics diagnostics, long timeoutMillis) {
        Map<String, Path> pending = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : (Iterable<Path>) files::iterator) {
                String name = jar.getFileName().toString();
                if (!name.endsWith(".jar") || !Files.isRegularFile(jar)) {
                    continue;
                }
                String problem = problem(jar);
                if (problem == null) {
                    pending.put(name, jar);
                } else {
                    reject(jar, problem, diagnostics);
                }
            }
        } catch (IOException e) {
            diagnostics.note("cannot read the drop-in folder " + folder + ": " + Diagnostics.reason(e));
            return;
        }
        Set<String> packedExports = packedExports(context);
        long start = System.currentTimeMillis();
        long lastProgress = start;
        int candidates = pending.size();
        Set<String> installed = new HashSet<>();
        while (!pending.isEmpty()) {
            int before = installed.size() + candidates - pending.size();
            for (var entry : new ArrayList<>(pending.entrySet())) {
                Bundle bundle = installed(context, entry.getKey());
                if (bundle != null) {
                    installed.add(entry.getKey());
                    if (settled(bundle)) {
                        pending.remove(entry.getKey());
                        String shadowed = shadowed(packedExports, bundle);
                        if (shadowed != null) {
                            diagnostics.note(entry.getValue() + " exports " + shadowed + ", which biasflow's own"
                                    + " bundles export too: they keep their own, and other drop-ins may be wired to"
                                    + " either; a drop-in should import biasflow's packages, not embed them");
                        }
                    }
                }
            }
            long time = System.currentTimeMillis();
            if (installed.size() + candidates - pending.size() != before) {
                lastProgress = time;
            } else if (!pending.isEmpty() && time - lastProgress > SETTLE_MILLIS) {
                for (var entry : new ArrayList<>(pending.entrySet())) {
                    String problem = examine(context, entry.getKey(), entry.getValue());
                    if (problem != null) {
                        pending.remove(entry.getKey());
                        reject(entry.getValue(), problem, diagnostics);
                    }
                }
                lastProgress = time;
            }
            if (!pending.isEmpty() && time - start > timeoutMillis) {
                pending.values().forEach(jar -> reject(jar, "it was not installed and started within "
                        + timeoutMillis / 1000 + " s", diagnostics));
                return;
            }
            pause();
        }
    }

    /**
     * After start-up, names each jar put into {@code folder} that is not a usable bundle, as {@link #await} does at
     * start: the drop-in watcher passes over an unreadable jar without a word (it may be one still being copied), so
     * a truncated copy put in place of a working bundle only made its services vanish. A jar is judged once it has
     * kept its size and time for one look, and again whenever they change.
     *
     * @return the daemon thread that looks, every {@value #WATCH_MILLIS} ms, until interrupted
     */
    static Thread watch(Path folder, Diagnostics diagnostics) {
        Map<Path, List<Object>> judged = new HashMap<>(stamps(folder));
        Thread watcher = new Thread(() -> {
            Map<Path, List<Object>> seen = new HashMap<>(judged);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Map<Path, List<Object>> now = stamps(folder);
                now.forEach((jar, stamp) -> {
                    if (stamp.equals(seen.get(jar)) && !stamp.equals(judged.get(jar))) {
                        judged.put(jar, stamp);
                        String problem = problem(jar);
                        if (problem != null) {
                            reject(jar, problem, diagnostics);
                        }
                    }
                });
                judged.keySet().retainAll(now.keySet());
                seen.clear();
                seen.putAll(now);
            }
        }, "biasflow drop-in check");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    /** Each jar of {@code folder} with its size and time; none when the folder cannot be read. */
    private static Map<Path, List<Object>> stamps(Path folder) {
        Map<Path, List<Object>> stamps = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : (Iterable<Path>) files::iterator) {
                if (jar.getFileName().toString().endsWith(".jar") && Files.isRegularFile(jar)) {
                    stamps.put(jar, List.of(Files.size(jar), Files.getLastModifiedTime(jar)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // judged at the next look
        }
        return stamps;
    }

    private static void reject(Path jar, String problem, Diagnostics diagnostics) {
        diagnostics.note(jar + " is not used: " + problem);
    }

    private static Bundle installed(BundleContext context, String fileName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().endsWith("/" + fileName)) {
                return bundle;
            }
        }
        return null;
    }

    /** The packages the bundles the launcher carries export. */
    private static Set<String> packedExports(BundleContext context) {
        Set<String> packed = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(EmbeddedFramework.PACKED)) {
                packed.addAll(exports(bundle));
            }
        }
        return packed;
    }

    /** The packages a drop-in exports that a bundle the launcher carries exports too, or {@code null}. */
    private static String shadowed(Set<String> packedExports, Bundle dropIn) {
        List<String> both = exports(dropIn).stream().filter(packedExports::contains).sorted().toList();
        return both.isEmpty() ? null : String.join(", ", both);
    }

    private static List<String> exports(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        return revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE).stream()
                .map(capability -> String.valueOf(capability.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE)))
                .toList();
    }

    private static boolean settled(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null
                || bundle.getState() == Bundle.STARTING
                && Constants.ACTIVATION_LAZY.equals(bundle.getHeaders().get(Constants.BUNDLE_ACTIVATIONPOLICY));
    }

    /**
     * Why a drop-in has not come up: the framework's answer when it is installed and started (transiently, so the
     * drop-in watcher's own start still decides), or when a trial install of a jar the watcher did not install
     * fails; {@code null} if it may still come up.
     */
    private static String examine(BundleContext context, String fileName, Path jar) {
        Bundle bundle = installed(context, fileName);
        if (bundle == null) {
            try (InputStream in = Files.newInputStream(jar)) {
                Bundle trial = context.installBundle("biasflow-check:" + jar.toAbsolutePath(), in);
                trial.uninstall();
                return null;
            } catch (BundleException e) {
                return "it cannot be installed: " + simplify(e) + duplicateOf(context, e, jar);
            } catch (IOException | RuntimeException e) {
                return "it cannot be installed: " + Diagnostics.describe(e);
            }
        }
        if (bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.RESOLVED) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
                return null;
            } catch (BundleException e) {
                return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " "
                        + (bundle.getState() == Bundle.INSTALLED ? "cannot resolve: " : "does not start: ")
                        + simplify(e);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** For a jar refused as a duplicate, which installed bundle it duplicates. */
    private static String duplicateOf(BundleContext context, BundleException e, Path jar) {
        if (e.getType() != BundleException.DUPLICATE_BUNDLE_ERROR) {
            return "";
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME).split(";")[0]
                    .trim();
            for (Bundle bundle : context.getBundles()) {
                if (name.equals(bundle.getSymbolicName())) {
                    String location = bundle.getLocation();
                    return " (installed from " + location.substring(location.lastIndexOf('/') + 1) + ")";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the framework's message says enough
        }
        return "";
    }

    /** The framework's message, its requirement filters put in words where they are simple. */
    static String simplify(BundleException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            String namespace = missing.group(1);
            String filter = missing.group(2);
            Matcher pkg = PACKAGE.matcher(filter);
            if (namespace.equals("osgi.wiring.package") && pkg.find()) {
                return "it imports package " + pkg.group(1) + ", which no installed bundle exports (" + filter + ")";
            }
            return "it requires " + namespace + " " + filter + ", which no installed bundle provides";
        }
        Throwable cause = e.getCause();
        if (cause != null) {
            return (message.isEmpty() ? "" : message + ": ") + Diagnostics.describe(cause);
        }
        return message;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the drop-in folder", e);
        }
    }
}
