package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher jar against what a careless or hostile environment gives it: bad jars in the drop-in folder, a
 * damaged or planted bundle cache, a read-only working folder, a file for --load, commands that run out of memory
 * or stack, Ctrl-C at the prompt. Every launch is a separate process bounded by a timeout, with its own cache
 * folder ({@code XDG_CACHE_HOME}) and temp folder so that nothing here touches the user's.
 */
class LauncherHostileIT {
    private static final long TIMEOUT_SECONDS = 90;
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path folder;
    Path cacheHome;
    Path temp;
    Path load;

    record Result(int exitCode, String out, String err, double seconds) {
        /** No Java stack frame reached the user. */
        boolean clean() {
            return !err.contains("\tat ") && !out.contains("\tat ") && !err.contains("InvocationTargetException");
        }
    }

    @BeforeEach
    void folders() throws IOException {
        cacheHome = Files.createDirectories(folder.resolve("cache"));
        temp = Files.createDirectories(folder.resolve("tmp"));
        load = Files.createDirectories(folder.resolve("load"));
    }

    /** A launch in {@code folder} with the test's cache and temp folders, and {@code --load load}. */
    Result launch(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--load", load.toString()));
        all.addAll(List.of(args));
        return run(folder, Map.of("XDG_CACHE_HOME", cacheHome.toString()), List.of(), all);
    }

    Result run(Path workingFolder, Map<String, String> environment, List<String> prefix, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(JAVA, "-Djava.io.tmpdir=" + temp, "-jar", System.getProperty("biasflow.jar")));
        command.addAll(args);
        return start(workingFolder, environment, command, null);
    }

    Result start(Path workingFolder, Map<String, String> environment, List<String> command, Conversation talk)
            throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        if (talk == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished;
        if (talk == null) {
            finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } else {
            // stdin stays open until the launcher has left by itself: closing it earlier would make script(1)
            // type an end-of-file into a terminal that is still shutting down
            try (OutputStream stdin = process.getOutputStream()) {
                talk.with(stdin, out);
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertTrue(finished, "the launcher did not exit within " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * SIGTERM while bf:data writes a data set of about 200 MB: the write stops, and neither the file nor its
     * temporary file is left, however far it had got. Three times, at three sizes written: without the program
     * waiting for the write, its removal came in time about once in three.
     */
    @Test
    void sigtermWhileADataSetIsWrittenLeavesNothingHalfWritten() throws Exception {
        for (long written : new long[] {1_000_000, 20_000_000, 60_000_000}) {
            Process stopped = new ProcessBuilder(JAVA, "-Djava.io.tmpdir=" + temp, "-jar",
                    System.getProperty("biasflow.jar"), "--load", load.toString(),
                    "-c", "bf:data --kind sparse-teacher --n 2000 --d 10000 --seed 1 --out big.csv")
                    .directory(folder.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                            .toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean writing = false;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                while (!writing && stopped.isAlive() && System.nanoTime() < deadline) {
                    try (Stream<Path> entries = Files.list(folder)) {
                        writing = entries.anyMatch(p -> p.getFileName().toString().startsWith(".big.csv.")
                                && p.toFile().length() > written);
                    }
                    Thread.sleep(10);
                }
                stopped.destroy();
                assertTrue(stopped.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the launcher did not stop");
            } finally {
                stopped.destroyForcibly();
            }
            assertTrue(writing, "the data set was never " + written + " bytes into being written");
            try (Stream<Path> entries = Files.list(folder)) {
                assertEquals(List.of(), entries.map(p -> p.getFileName().toString())
                        .filter(name -> name.contains("big.")).toList(), "after SIGTERM at " + written + " bytes");
            }
        }
    }

    /** A launch killed with SIGKILL cannot remove its folder in the temp folder; the next launch does. */
    @Test
    void theFolderOfALaunchKilledWithSigkillIsRemovedByTheNextLaunch() throws Exception {
        // a run long enough to be killed in the middle (seconds), long after the launch has made its folder
        Process killed = new ProcessBuilder(JAVA, "-Djava.io.tmpdir=" + temp, "-jar",
                System.getProperty("biasflow.jar"), "--load", load.toString(),
                "-c", "bf:data --kind sparse-teacher --n 300 --d 3000 --seed 1 --out long.csv",
                "-c", "bf:run --data long.csv --alpha 10 --eps 1e-1000000 --out long").directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path left;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            left = null;
            while (left == null && System.nanoTime() < deadline) {
                try (Stream<Path> entries = Files.list(temp)) {
                    left = entries.filter(p -> p.getFileName().toString().startsWith(LaunchFolder.PREFIX)
                            && Files.exists(p.resolve(LaunchFolder.LOCK))).findFirst().orElse(null);
                }
                Thread.sleep(50);
            }
        } finally {
            killed.destroyForcibly();
            killed.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        assertTrue(left != null && Files.isDirectory(left), "the launch made no folder in " + temp);

        Result next = launch("-c", "bf:services");

        assertEquals(0, next.exitCode(), next.err());
        assertFalse(Files.exists(left), left + " is still there");
        // nothing else either: FileInstall's scratch folder lives in the launch folder
        try (Stream<Path> entries = Files.list(temp)) {
            assertEquals(List.of(), entries.filter(p -> !p.getFileName().toString().startsWith("hsperfdata"))
                    .toList());
        }
    }

    interface Conversation {
        void with(OutputStream stdin, Path output) throws Exception;
    }

    // --- the drop-in folder ------------------------------------------------------------------------------------

    @Test
    void badJarsInTheDropInFolderAreNamedAndLeftOutWithinSeconds() throws Exception {
        Files.write(load.resolve("random.jar"), randomBytes(5000));
        Files.write(load.resolve("empty.jar"), new byte[0]);
        byte[] tempered = Files.readAllBytes(fixture("org.biasflow.example.tempered"));
        Files.write(load.resolve("truncated.jar"), java.util.Arrays.copyOf(tempered, tempered.length / 2));
        jar(load.resolve("plain.jar"), Map.of(), "p/A.class");
        jar(load.resolve("unresolvable.jar"), Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName",
                "test.unresolvable", "Bundle-Version", "1.0.0", "Import-Package", "com.nowhere.missing"), "p/A.class");
        jar(load.resolve("duplicate.jar"), Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName",
                "org.biasflow.loss", "Bundle-Version", "0.1.0.SNAPSHOT"), "p/A.class");
        Files.write(load.resolve("good.jar"), tempered);

        Result result = launch("-c", "bf:services");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("tempered-exponential"), "the good drop-in still came up: " + result.out());
        for (String[] expected : new String[][] { { "random.jar", "not a readable jar" },
                { "empty.jar", "not a readable jar" }, { "truncated.jar", "not a readable jar" },
                { "plain.jar", "no Bundle-SymbolicName" }, { "unresolvable.jar", "com.nowhere.missing" },
                { "duplicate.jar", "not unique" } }) {
            assertTrue(result.err().lines().anyMatch(line -> line.contains(expected[0] + " is not used")
                    && line.contains(expected[1])), expected[0] + " is named with its reason: " + result.err());
        }
        assertTrue(result.seconds() < 30, "took " + result.seconds() + " s");
        assertTrue(result.clean(), result.err());
    }

    @Test
    void aDropInFolderThatIsAFileOrMissingIsExplained() throws Exception {
        Path file = Files.writeString(folder.resolve("file"), "x");

        Result given = launch("--load", file.toString(), "-c", "bf:defaults");

        assertEquals(2, given.exitCode(), given.err());
        assertEquals(1, given.err().lines().count(), given.err());
        assertTrue(given.err().contains("--load " + file + ": is a file, not a folder"), given.err());

        Path defaultName = folder.resolve("load");
        FrameworkStorage.deleteQuietly(defaultName);
        Files.writeString(defaultName, "not a folder");
        Result byDefault = run(folder, Map.of("XDG_CACHE_HOME", cacheHome.toString()), List.of(),
                List.of("-c", "bf:defaults"));

        assertEquals(0, byDefault.exitCode(), byDefault.err());
        assertTrue(byDefault.out().contains("SETTING"), byDefault.out());
        assertTrue(byDefault.err().contains("no drop-in folder") && byDefault.err().contains("is a file"),
                byDefault.err());
        assertTrue(byDefault.clean(), byDefault.err());
    }

    @Test
    void aReadOnlyWorkingFolderAndAnUnreadableDropInFolderAreOneLineEach() throws Exception {
        // root may write anywhere: as root, the launcher runs as another user (nobody) for this test
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(!root || Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is needed to test as root");
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "biasflow-hostile-");
        try {
            chmod(shared, "rwxr-xr-x");
            Path jar = Files.copy(Path.of(System.getProperty("biasflow.jar")), shared.resolve("biasflow.jar"));
            chmod(jar, "rw-r--r--");
            Path home = Files.createDirectory(shared.resolve("home"));
            Path tmp = Files.createDirectory(shared.resolve("tmp"));
            Path readOnly = Files.createDirectory(shared.resolve("read-only"));
            Path unreadable = Files.createDirectory(shared.resolve("unreadable"));
            chmod(readOnly, "r-xr-xr-x");
            chmod(unreadable, "---------");
            if (root) {
                for (Path p : List.of(home, tmp)) {
                    Files.setAttribute(p, "unix:uid", 65534);
                }
            }
            List<String> prefix = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
                    : List.of();
            Map<String, String> environment = Map.of("HOME", home.toString(), "XDG_CACHE_HOME",
                    home.resolve(".cache").toString());
            List<String> java = List.of(JAVA, "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString());

            List<String> noLoad = new ArrayList<>(prefix);
            noLoad.addAll(java);
            noLoad.addAll(List.of("-c", "bf:defaults"));
            Result readOnlyFolder = start(readOnly, environment, noLoad, null);

            assertEquals(0, readOnlyFolder.exitCode(), readOnlyFolder.err());
            assertTrue(readOnlyFolder.out().contains("SETTING"), readOnlyFolder.out());
            assertEquals(1, readOnlyFolder.err().lines().count(), readOnlyFolder.err());
            assertTrue(readOnlyFolder.err().contains("no drop-in folder")
                    && readOnlyFolder.err().contains("permission denied"), readOnlyFolder.err());

            List<String> unreadableLoad = new ArrayList<>(prefix);
            unreadableLoad.addAll(java);
            unreadableLoad.addAll(List.of("--load", unreadable.toString(), "-c", "bf:defaults"));
            Result refused = start(readOnly, environment, unreadableLoad, null);

            assertEquals(2, refused.exitCode(), refused.err());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertTrue(refused.err().contains(unreadable + ": cannot be read: permission denied"), refused.err());
        } finally {
            chmod(shared.resolve("unreadable"), "rwx------");
            FrameworkStorage.deleteQuietly(shared);
        }
    }

    // --- the bundle cache --------------------------------------------------------------------------------------

    @Test
    void theCacheIsOwnerOnlyAndReusedAcrossLaunches() throws Exception {
        Result first = launch("--debug", "-c", "bf:defaults");
        Path cache = onlyCache(cacheHome.resolve("biasflow"));
        Object inode = Files.getAttribute(cache.resolve("bundle1"), "unix:ino");
        Result second = launch("--debug", "-c", "bf:defaults");

        assertEquals(0, first.exitCode(), first.err());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals("rwx------", permissions(cacheHome.resolve("biasflow")));
        assertEquals("rwx------", permissions(cache));
        assertTrue(Files.exists(cache.resolve("biasflow-complete")));
        assertEquals(inode, Files.getAttribute(cache.resolve("bundle1"), "unix:ino"), "the second launch reused it");
        assertTrue(second.err().contains("bundle cache " + cache), second.err());
        assertFalse(second.err().contains("rebuilding"), second.err());
    }

    @Test
    void aDamagedCacheIsRebuiltAndSaidSo() throws Exception {
        launch("-c", "bf:defaults");
        Path cache = onlyCache(cacheHome.resolve("biasflow"));
        List<Path> bundles;
        try (Stream<Path> entries = Files.list(cache)) {
            bundles = entries.filter(p -> p.getFileName().toString().matches("bundle[1-9][0-9]*")).sorted().toList();
        }
        // a temp cleaner's work: some bundles gone whole, one without its jar, one cut short
        FrameworkStorage.deleteQuietly(bundles.get(0));
        FrameworkStorage.deleteQuietly(bundles.get(1));
        Files.delete(bundles.get(2).resolve("version0.0").resolve("bundle.jar"));
        Path cut = bundles.get(3).resolve("version0.0").resolve("bundle.jar");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 1000));

        Result damaged = launch("-c", "bf:defaults");
        Result after = launch("-c", "bf:defaults");

        assertEquals(0, damaged.exitCode(), damaged.err());
        assertTrue(damaged.out().startsWith("SETTING"), "stdout holds the command's output only: " + damaged.out());
        assertTrue(damaged.err().contains("the bundle cache " + cache + " was damaged")
                && damaged.err().contains("rebuilding it"), damaged.err());
        assertEquals(1, damaged.err().lines().count(), damaged.err());
        assertTrue(damaged.seconds() < 30, "took " + damaged.seconds() + " s");
        assertEquals(0, after.exitCode(), after.err());
        assertEquals("", after.err());
    }

    private Path genuine;

    /** A cache made by a launch of its own, and so the name the launcher gives the cache of its bundle set. */
    Path genuine() throws Exception {
        if (genuine == null) {
            Path home = Files.createDirectories(folder.resolve("genuine"));
            run(folder, Map.of("XDG_CACHE_HOME", home.toString()), List.of(), List.of("-c", "bf:defaults"));
            genuine = onlyCache(home.resolve("biasflow"));
        }
        return genuine;
    }

    String cacheName() throws Exception {
        return genuine().getFileName().toString();
    }

    /** A cache that would run other code (a loss bundle swapped for the tempered example), at {@code target}. */
    Path trojan(Path target) throws Exception {
        copyTree(genuine(), target);
        try (Stream<Path> entries = Files.list(target)) {
            for (Path bundle : (Iterable<Path>) entries::iterator) {
                Path info = bundle.resolve("bundle.info");
                if (Files.exists(info) && Files.readAllLines(info).get(1).startsWith("biasflow:org.biasflow.loss-")) {
                    Files.copy(fixture("org.biasflow.example.tempered"),
                            bundle.resolve("version0.0").resolve("bundle.jar"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    return target;
                }
            }
        }
        throw new AssertionError("no loss bundle in " + target);
    }

    @Test
    void aPlantedCacheWouldRunItsCodeWhereItIsTrusted() throws Exception {
        // the control: where it passes the checks, the swapped bundle does run; the tests below plant the same
        // cache where others could have put it, and it never does
        Path root = Files.createDirectories(cacheHome.resolve("biasflow"));
        chmod(root, "rwx------");
        chmod(trojan(root.resolve(cacheName())), "rwx------");

        Result result = launch("-c", "bf:services");

        assertTrue(result.out().contains("tempered-exponential"), result.out());
        assertEquals("", result.err());
    }

    @Test
    void aCacheFolderOthersCanWriteIsNotUsed() throws Exception {
        Path root = Files.createDirectories(cacheHome.resolve("biasflow"));
        trojan(root.resolve(cacheName()));
        chmod(root, "rwxrwxrwx");

        Result result = launch("-c", "bf:services");

        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.out().contains("tempered-exponential"), result.out());
        assertTrue(result.err().contains("was not private") && result.err().contains("rwxrwxrwx"), result.err());
        assertEquals("rwx------", permissions(root));
    }

    @Test
    void aCacheFolderThatIsASymbolicLinkIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        trojan(elsewhere.resolve(cacheName()));
        chmod(elsewhere, "rwx------");
        Files.createSymbolicLink(cacheHome.resolve("biasflow"), elsewhere);

        Result result = launch("-c", "bf:services");

        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.out().contains("tempered-exponential"), result.out());
        assertTrue(result.err().contains("symbolic link"), result.err());
        assertTrue(Files.isSymbolicLink(cacheHome.resolve("biasflow")), "the link is left as it was");
    }

    @Test
    void aCacheThatIsALinkOrOpenToOthersIsRebuilt() throws Exception {
        Path root = Files.createDirectories(cacheHome.resolve("biasflow"));
        chmod(root, "rwx------");
        Path planted = trojan(folder.resolve("planted"));
        Files.createSymbolicLink(root.resolve(cacheName()), planted);

        Result linked = launch("-c", "bf:services");

        assertEquals(0, linked.exitCode(), linked.err());
        assertFalse(linked.out().contains("tempered-exponential"), linked.out());
        assertTrue(linked.err().contains("not safe to use") && linked.err().contains("symbolic link"), linked.err());
        assertFalse(Files.isSymbolicLink(root.resolve(cacheName())));

        FrameworkStorage.deleteQuietly(root.resolve(cacheName()));
        copyTree(planted, root.resolve(cacheName()));
        chmod(root.resolve(cacheName()), "rwxrwxrwx");
        Result open = launch("-c", "bf:services");

        assertFalse(open.out().contains("tempered-exponential"), open.out());
        assertTrue(open.err().contains("not safe to use") && open.err().contains("not owner-only"), open.err());
        assertEquals("rwx------", permissions(root.resolve(cacheName())));
    }

    @Test
    void aCacheFolderOfAnotherUserIsNotUsed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to another user");
        Path root = Files.createDirectories(cacheHome.resolve("biasflow"));
        chmod(root, "rwx------");
        trojan(root.resolve(cacheName()));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setAttribute(p, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
            }
        }

        Result result = launch("-c", "bf:services");

        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.out().contains("tempered-exponential"), result.out());
        assertTrue(result.err().contains("not using the bundle cache folder " + root)
                && result.err().contains("uid 65534"), result.err());
    }

    // --- failures of commands -----------------------------------------------------------------------------------

    @Test
    void runningOutOfMemoryOrStackIsNamedWithAHint() throws Exception {
        Result memory = run(folder, Map.of("XDG_CACHE_HOME", cacheHome.toString()), List.of(),
                List.of("--load", load.toString(), "-c", "(format abc) repeat 2147483647", "-c", "bf:defaults"));
        List<String> smallHeap = new ArrayList<>(List.of(JAVA, "-Xmx48m", "-Djava.io.tmpdir=" + temp, "-jar",
                System.getProperty("biasflow.jar"), "--load", load.toString(), "-c", "(format abc) repeat 100000000"));
        Result heap = start(folder, Map.of("XDG_CACHE_HOME", cacheHome.toString()), smallHeap, null);
        Result stack = launch("-c", "l = [1]", "-c", "$l add $l", "-c", "$l hashCode");
        Result traced = launch("--debug", "-c", "l = [1]", "-c", "$l add $l", "-c", "$l hashCode");

        assertNotEquals(0, heap.exitCode());
        assertTrue(heap.err().contains("out of memory (Java heap space)") && heap.err().contains("-Xmx"),
                heap.err());
        assertTrue(heap.clean(), heap.err());
        assertNotEquals(0, memory.exitCode());
        assertTrue(memory.err().contains("Error: out of memory"), memory.err());
        assertFalse(memory.out().contains("SETTING"), "commands after the failure do not run");
        assertTrue(memory.clean(), memory.err());
        assertNotEquals(0, stack.exitCode());
        assertTrue(stack.err().contains("Error: stack overflow in ") && stack.err().contains("-Xss"), stack.err());
        assertTrue(stack.clean(), stack.err());
        assertTrue(traced.err().contains("java.lang.StackOverflowError") && traced.err().contains("\tat "),
                "--debug prints the stack trace: " + traced.err());
    }

    @Test
    void aFunctionThatCallsItselfWithoutEndIsStoppedBeforeItTakesEveryThread() throws Exception {
        // Gogo gives every call its own thread: unguarded, this ran 140 s into the user's thread limit
        Result result = launch("-c", "f = { f }", "-c", "f", "-c", "bf:defaults");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("calls itself without end"), result.err());
        assertFalse(result.out().contains("SETTING"), "commands after the failure do not run");
        assertTrue(result.clean(), result.err());
    }

    @Test
    void aDropInThatExportsBiasflowsOwnPackagesDoesNotTakeTheirPlace() throws Exception {
        // a third-party jar that shades the API in: once it was wired in their place, no bf: command came up (60 s)
        jar(load.resolve("shaded.jar"), Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "test.shaded",
                "Bundle-Version", "1.0.0", "Export-Package", "org.biasflow.api;version=\"9.0.0\""),
                "org/biasflow/api/Nothing.class");

        Result cold = launch("-c", "bf:defaults");
        Result warm = launch("-c", "bf:defaults");

        for (Result result : List.of(cold, warm)) {
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains("SETTING"), result.out() + result.err());
            assertTrue(result.err().contains("shaded.jar exports org.biasflow.api, which biasflow's own bundles export"),
                    result.err());
            assertFalse(result.err().contains("damaged"), result.err());
            assertTrue(result.seconds() < 30, "no wait for commands that never come: " + result.seconds() + " s");
        }
    }

    @Test
    void stackTracesOfBundlesReachTheUserOnlyWithDebug() throws Exception {
        // a component whose activate method throws: Declarative Services prints the whole trace on stderr
        Path boom = folder.resolve("boom");
        Files.createDirectories(boom.resolve("OSGI-INF"));
        Files.writeString(boom.resolve("OSGI-INF/boom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.Boom" immediate="true">
                  <implementation class="test.NoSuchClass"/>
                </scr:component>
                """);
        jar(load.resolve("boom.jar"), Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "test.boom",
                "Bundle-Version", "1.0.0", "Service-Component", "OSGI-INF/boom.xml"), boom, "OSGI-INF/boom.xml");

        Result quiet = launch("-c", "bf:defaults");
        Result debug = launch("--debug", "-c", "bf:defaults");

        assertEquals(0, quiet.exitCode(), quiet.err());
        assertTrue(quiet.err().contains("test.NoSuchClass"), "the failure is still named: " + quiet.err());
        assertTrue(quiet.clean(), quiet.err());
        assertTrue(debug.err().contains("\tat "), debug.err());
    }

    // --- the prompt ----------------------------------------------------------------------------------------------

    @Test
    void ctrlCAtThePromptCancelsTheCommandAndTheShellGoesOn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) gives the shell a terminal");
        // small data, so the run is integrating (not computing its references) when Ctrl-C comes
        Path data = folder.resolve("small.csv");
        launch("-c", "bf:data --n 30 --d 60 --seed 1 --out " + data);
        Path run = folder.resolve("run");
        // script(1) gives the launcher a terminal; SIGINT is reset in case this test runs where it is ignored. exec:
        // script runs the line through $SHELL, and a shell that stays as java's parent (dash does) shares the
        // terminal's Ctrl-C, dies of it, and script then reports 130 although biasflow carried on
        String java = String.join(" ", JAVA, "-Djava.io.tmpdir=" + temp, "-jar", System.getProperty("biasflow.jar"),
                "--load", load.toString());
        List<String> command = List.of("script", "-qec", "exec env --default-signal=INT " + java, "/dev/null");

        Result result = start(folder, Map.of("XDG_CACHE_HOME", cacheHome.toString()), command, (stdin, out) -> {
            awaitText(out, "g! ", 60);
            type(stdin, "bf:run --data " + data + " --eps 1e-1,1e-10,1e-1000000 --integrator dormand-prince --out "
                    + run + "\n");
            awaitText(out, "run: ", 60);
            type(stdin, "\u0003");
            awaitText(out, "cancelling", 30);
            type(stdin, "bf:defaults\n");
            awaitText(out, "SETTING", 60);
            type(stdin, "exit\n");
        });

        String screen = result.out().replace("\r", "");
        assertEquals(0, result.exitCode(), screen + result.err());
        assertTrue(screen.contains("cancelling bf:run"), screen);
        assertTrue(screen.indexOf("SETTING") > screen.indexOf("cancelling"), "the prompt went on: " + screen);
        assertFalse(screen.contains("\tat "), screen);
        String record = Files.readString(run.resolve("run.json"));
        assertTrue(record.contains("\"status\": \"cancelled\""), "the cancelled run keeps its record: " + record);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    static void type(OutputStream stdin, String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    static void awaitText(Path output, String text, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!Files.readString(output).contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no '" + text + "' after " + seconds + " s: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
    }

    Path onlyCache(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> caches = entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && p.getFileName().toString().startsWith("framework-")).toList();
            assertEquals(1, caches.size(), caches.toString());
            return caches.get(0);
        }
    }

    static Path fixture(String artifactId) {
        return Path.of(System.getProperty("biasflow.fixtures"), artifactId + ".jar");
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.util.Random(7).nextBytes(bytes);
        return bytes;
    }

    static void jar(Path jar, Map<String, String> headers, String entry) throws IOException {
        jar(jar, headers, null, entry);
    }

    /** A jar with the given main manifest headers and one entry (from {@code base}, or a few bytes). */
    static void jar(Path jar, Map<String, String> headers, Path base, String entry) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((key, value) -> manifest.getMainAttributes().putValue(key, value));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(base == null ? new byte[] { 1, 2, 3 } : Files.readAllBytes(base.resolve(entry)));
            out.closeEntry();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

}
