package dev.hexsync.testkit.claims;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running {@link ClaimHolderMain}: another process that claims, probes and releases on command,
 * and can be killed or frozen. Answers arrive within {@link #ANSWER_TIMEOUT} or the test fails.
 */
public final class ClaimHolderProcess implements AutoCloseable {
    /** Generous, since a loaded CI machine may take long to start a JVM; never reached by a healthy child. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm jvm;
    private volatile String lastRefusal;

    private ClaimHolderProcess(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /** Starts the child and waits until its manager is open. */
    public static ClaimHolderProcess start(ChildManagerSpec spec) {
        List<String> args = new ArrayList<>();
        args.add(spec.factory().getName());
        args.addAll(spec.arguments());
        return new ClaimHolderProcess(ChildJvm.start(ClaimHolderMain.class.getName(), args, ClaimHolderMain.READY,
                ANSWER_TIMEOUT));
    }

    /** Asks the child to claim; true if it now holds the claim, false if refused (see {@link #lastRefusal}). */
    public boolean claim(String resourceId) {
        String answer = ask("claim " + resourceId);
        if (answer.equals("claimed")) {
            return true;
        }
        if (answer.startsWith("refused ")) {
            lastRefusal = answer.substring("refused ".length());
            return false;
        }
        throw new AssertionError(jvm + " answered '" + answer + "' to claim; stderr:\n" + jvm.stderr());
    }

    /** The exception name and message of the last refused claim ("ClaimedElsewhereException: ..."). */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** Sends the claim command without waiting, for races; read the outcome with {@link #claimOutcome()}. */
    public void sendClaim(String resourceId) {
        jvm.send("claim " + resourceId);
    }

    /** The answer to a {@link #sendClaim(String)}: true if claimed. */
    public boolean claimOutcome() {
        String answer = jvm.nextLine(ANSWER_TIMEOUT);
        if (answer.startsWith("refused ")) {
            lastRefusal = answer.substring("refused ".length());
        }
        return answer.equals("claimed");
    }

    /** Asks the child to close its claim. */
    public void release(String resourceId) {
        String answer = ask("release " + resourceId);
        if (!answer.equals("released")) {
            throw new AssertionError(jvm + " answered '" + answer + "' to release; stderr:\n" + jvm.stderr());
        }
    }

    /** The child's answer to {@code isClaimed}. */
    public boolean probe(String resourceId) {
        String answer = ask("probe " + resourceId);
        if (!answer.startsWith("claimed=")) {
            throw new AssertionError(jvm + " answered '" + answer + "' to probe; stderr:\n" + jvm.stderr());
        }
        return Boolean.parseBoolean(answer.substring("claimed=".length()));
    }

    /** Makes the child exit normally without closing its claims, and waits for the exit. */
    public void exitWithoutReleasing() {
        jvm.send("exit");
        jvm.awaitExit(ANSWER_TIMEOUT);
    }

    /** SIGKILL, then wait until the process is gone. */
    public void kill() {
        jvm.kill();
    }

    public ChildJvm jvm() {
        return jvm;
    }

    @Override
    public void close() {
        jvm.close();
    }

    private String ask(String command) {
        jvm.send(command);
        return jvm.nextLine(ANSWER_TIMEOUT);
    }
}
