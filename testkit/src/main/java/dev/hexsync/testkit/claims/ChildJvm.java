package dev.hexsync.testkit.claims;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A second JVM for tests that need a real other process: one that holds OS locks and sessions of its own and
 * can be killed with SIGKILL. It runs a given main class on this JVM's class path, talks by lines (stdin in,
 * stdout out), and is killed by {@link #close()} if the test forgets. Every wait is bounded.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(MyMain.class.getName(), List.of("arg"), "ready", Duration.ofSeconds(60))) {
 *     child.send("work");
 *     assertThat(child.nextLine(Duration.ofSeconds(30))).isEqualTo("done");
 *     child.kill();
 * }
 * }</pre>
 *
 * <p>The child also exits by itself when its standard input closes if its main loop reads stdin to the end, as
 * {@link ClaimHolderMain} does, so a test JVM that dies does not leave children behind.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final Process process;
    private final String mainClass;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private ChildJvm(Process process, String mainClass) {
        this.process = process;
        this.mainClass = mainClass;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("stdout of " + mainClass, () -> pump(process.getInputStream(), stdout::add, () -> stdout.add(END_OF_OUTPUT)));
        daemon("stderr of " + mainClass, () -> pump(process.getErrorStream(), line -> stderr.append(line).append('\n'),
                () -> { }));
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM on this JVM's class path and waits until it prints
     * {@code readyLine}.
     *
     * @throws AssertionError if the child exits or stays silent for {@code timeout} before getting ready; the
     *     message carries its stderr
     */
    public static ChildJvm start(String mainClass, List<String> args, String readyLine, Duration timeout) {
        return start(List.of(), mainClass, args, readyLine, timeout);
    }

    /**
     * As {@link #start(String, List, String, Duration)}, with options for the child's JVM (for example
     * {@code -Xmx128m}, so a test can prove that work stays within a heap that small).
     */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args, String readyLine,
            Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // Children are short-lived and many: skip the optimizing compiler and use the smallest collector.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + mainClass, e);
        }
        ChildJvm child = new ChildJvm(process, mainClass);
        try {
            child.awaitLine(readyLine, timeout);
        } catch (AssertionError | RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** The child's process id, for messages and signals. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one line to the child's standard input. */
    public void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write to " + this + " (exited: " + !process.isAlive() + "); stderr:\n"
                    + stderr, e);
        }
    }

    /**
     * The next line the child prints.
     *
     * @throws AssertionError if none arrives within {@code timeout} or the child's output ended
     */
    public String nextLine(Duration timeout) {
        String line;
        try {
            line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + this, e);
        }
        if (line == null) {
            throw new AssertionError(this + " printed nothing within " + timeout + "; stderr:\n" + stderr);
        }
        if (line.equals(END_OF_OUTPUT)) {
            stdout.add(END_OF_OUTPUT); // keep answering "ended" to later calls
            throw new AssertionError(this + " ended its output (exit code " + exitCode() + "); stderr:\n" + stderr);
        }
        return line;
    }

    /** Skips lines until one equals {@code expected}, all within {@code timeout}. */
    public void awaitLine(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(this + " did not print '" + expected + "' within " + timeout + "; stderr:\n"
                        + stderr);
            }
            if (nextLine(Duration.ofNanos(left)).equals(expected)) {
                return;
            }
        }
    }

    /** Everything the child printed to stderr so far. */
    public String stderr() {
        return stderr.toString();
    }

    /**
     * Kills the child with SIGKILL ({@link Process#destroyForcibly()}) and waits until it is gone, so whatever
     * the operating system reclaims from a dead process (file locks, sockets) has been reclaimed on return.
     */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(60));
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @return its exit code
     * @throws AssertionError if it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + this + " to exit", e);
        }
        return process.exitValue();
    }

    /**
     * Whether {@link #suspend()} works here: POSIX systems with a {@code kill} command. A suspended process is
     * the truest frozen holder a test can make: not one of its threads runs, so it could renew nothing.
     */
    public static boolean canSuspend() {
        return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                && killCommand().isPresent();
    }

    /** Freezes the whole child with SIGSTOP. */
    public void suspend() {
        signal("-STOP");
    }

    /** Thaws a {@link #suspend() suspended} child with SIGCONT. */
    public void resume() {
        signal("-CONT");
    }

    /** Kills the child if it is still running; safe to call any number of times. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "child JVM " + mainClass + " (pid " + process.pid() + ")";
    }

    private Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    private void signal(String signal) {
        String kill = killCommand().orElseThrow(() -> new UnsupportedOperationException("no kill command here"));
        try {
            Process sender = new ProcessBuilder(kill, signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!sender.waitFor(30, TimeUnit.SECONDS) || sender.exitValue() != 0) {
                sender.destroyForcibly();
                throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + kill, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling " + this, e);
        }
    }

    private static Optional<String> killCommand() {
        for (String candidate : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void pump(InputStream stream, Consumer<String> sink, Runnable atEnd) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // The child died mid-line; the end marker below tells the waiting test.
        } finally {
            atEnd.run();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
