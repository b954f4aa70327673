package dev.hexsync.adapters.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimBackendException;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.testkit.claims.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contract cannot see of {@link FileLockClaimManager}: how ids become file names, that lock files
 * exist only while claimed, and that deleting them on release keeps claims exclusive while processes churn.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FileLockClaimManagerTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path tempDir;

    @Test
    void anyValidIdBecomesASafeDistinctReadableFileName() {
        List<String> ids = List.of("todos", "Todos", "TODOS", "../../etc/passwd", "a/b\\c:d", ".", "..", "CON", "nul.txt",
                " ", "-rf", "ünïcødé", "\uD83D\uDD12", "x".repeat(ClaimManager.MAX_RESOURCE_ID_LENGTH),
                "x".repeat(ClaimManager.MAX_RESOURCE_ID_LENGTH - 1) + "y");
        Set<String> folded = new HashSet<>();
        for (String id : ids) {
            String name = FileLockClaimManager.fileName(id);
            assertThat(name).as(id).matches("[a-z0-9_]{1,32}-[0-9a-f]{64}\\.lock").hasSizeLessThanOrEqualTo(102);
            // Distinct even where the file system ignores case.
            assertThat(folded.add(name.toLowerCase(Locale.ROOT))).as("unique name for %s", id).isTrue();
        }
        assertThat(FileLockClaimManager.fileName("Todos_Trigger-1")).startsWith("todos_trigger_1-");
        assertThat(FileLockClaimManager.fileName("todos")).isEqualTo(FileLockClaimManager.fileName("todos"));
    }

    @Test
    void aLockFileExistsOnlyWhileItsClaimIsHeldAndSaysWhoHoldsIt() throws Exception {
        FileLockClaimManager manager = new FileLockClaimManager(tempDir.resolve("app.db.claims"));
        String id = "todos trigger 1";
        Path lockFile = manager.lockFile(id);
        assertThat(lockFile.getParent()).isEqualTo(manager.directory());
        assertThat(lockFile).doesNotExist();

        try (Claim claim = manager.claim(id)) {
            assertThat(lockFile).exists(); // a stat, not an open: opening it here would drop our lock (see class doc)
            // Another process reads it, because closing a descriptor in this one would release the claim.
            List<String> content = readInAnotherProcess(lockFile);
            assertThat(content).contains("resource-id: " + id, "pid: " + ProcessHandle.current().pid());
            assertThat(content).anyMatch(line -> line.startsWith("token: "));
            assertThat(claim.isHeld()).isTrue();
            assertThat(manager.isClaimed(id)).isTrue();
        }
        assertThat(lockFile).doesNotExist();
        try (Stream<Path> left = Files.list(manager.directory())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aLockFileLeftByAHolderThatDiedIsReused() throws Exception {
        FileLockClaimManager manager = new FileLockClaimManager(tempDir.resolve("claims"));
        String id = "left-behind";
        // As left by a holder killed before it could delete: unlocked, with its stale content.
        Files.writeString(manager.lockFile(id), "hexsync claim\nresource-id: left-behind\npid: 1\ntoken: old\n");

        assertThat(manager.isClaimed(id)).isFalse();
        try (Claim claim = manager.claim(id)) {
            assertThat(claim.isHeld()).isTrue();
            assertThat(readInAnotherProcess(manager.lockFile(id))).doesNotContain("token: old");
        }
        assertThat(manager.lockFile(id)).doesNotExist();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsABackendError() throws Exception {
        Path file = Files.writeString(tempDir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> new FileLockClaimManager(file.resolve("claims")))
                .isInstanceOf(ClaimBackendException.class)
                .hasMessageContaining(file.resolve("claims").toString());
    }

    @Test
    void aProbeOfAHeldIdFromAnotherManagerInThisJvmNeverTouchesTheFile() {
        Path directory = tempDir.resolve("claims");
        FileLockClaimManager holder = new FileLockClaimManager(directory);
        // A second spelling of the same directory must still be recognised as this process's claim.
        FileLockClaimManager other = new FileLockClaimManager(tempDir.resolve("claims/../claims"));
        try (Claim claim = holder.claim("shared")) {
            for (int i = 0; i < 20; i++) {
                assertThat(other.isClaimed("shared")).isTrue();
            }
            assertThat(claim.isHeld()).isTrue();
            assertThat(new FileLockClaimManager(directory).isClaimed("shared")).isTrue();
        }
    }

    /**
     * Mutual exclusion under churn: several processes claim and release one id as fast as they can, each
     * release deleting the lock file, which is exactly when a process that opened the old file could lock it
     * after a newer holder created the next one. Every holder logs entering and leaving; the log must show no
     * two holders inside at once. The test process probes throughout, which must not break exclusivity.
     */
    @Test
    void processesChurningOneIdNeverHoldItTogether() throws Exception {
        Path directory = tempDir.resolve("churn.claims");
        Path log = tempDir.resolve("churn.log");
        String id = "churn";
        int workers = 3;
        int entries = 200;
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                children.add(ChildJvm.start(ChurnWorker.class.getName(),
                        List.of(directory.toString(), id, log.toString(), Integer.toString(entries)), "ready",
                        CHILD_TIMEOUT));
            }
            children.forEach(child -> child.send("go"));
            FileLockClaimManager prober = new FileLockClaimManager(directory);
            int probes = 0;
            while (children.stream().anyMatch(ChildJvm::isAlive) && probes < 100_000) {
                prober.isClaimed(id);
                probes++;
            }
            for (ChildJvm child : children) {
                assertThat(child.nextLine(CHILD_TIMEOUT)).as(child.stderr()).isEqualTo("done " + entries);
                assertThat(child.awaitExit(CHILD_TIMEOUT)).isZero();
            }
        } finally {
            children.forEach(ChildJvm::close);
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2 * workers * entries);
        for (int i = 0; i < lines.size(); i += 2) {
            String enter = lines.get(i);
            assertThat(enter).as("line %d", i).startsWith("+");
            assertThat(lines.get(i + 1)).as("line %d: the holder that entered leaves before anyone else enters", i + 1)
                    .isEqualTo("-" + enter.substring(1));
        }
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).as("every holder deleted its lock file").isEmpty();
        }
    }

    private static List<String> readInAnotherProcess(Path file) {
        try (ChildJvm child = ChildJvm.start(PrintFile.class.getName(), List.of(file.toString()), "begin",
                CHILD_TIMEOUT)) {
            List<String> lines = new ArrayList<>();
            for (String line = child.nextLine(CHILD_TIMEOUT); !line.equals("end"); line = child.nextLine(CHILD_TIMEOUT)) {
                lines.add(line);
            }
            return lines;
        }
    }

    /** Child: prints a file between "begin" and "end". */
    static final class PrintFile {
        public static void main(String[] args) throws Exception {
            System.out.println("begin");
            Files.readAllLines(Path.of(args[0])).forEach(System.out::println);
            System.out.println("end");
            System.out.flush();
        }
    }

    /**
     * Child: after "go" on stdin, claims the id until it has held it {@code entries} times, logging "+pid" on
     * entering and "-pid" before releasing, with appends the operating system keeps whole; prints "done N".
     */
    static final class ChurnWorker {
        public static void main(String[] args) throws Exception {
            FileLockClaimManager manager = new FileLockClaimManager(Path.of(args[0]));
            String id = args[1];
            Path log = Path.of(args[2]);
            int entries = Integer.parseInt(args[3]);
            String pid = Long.toString(ProcessHandle.current().pid());
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                return;
            }
            int held = 0;
            for (long attempt = 0; held < entries && attempt < 50_000_000L; attempt++) {
                Claim claim;
                try {
                    claim = manager.claim(id);
                } catch (ClaimedElsewhereException e) {
                    Thread.onSpinWait();
                    continue;
                }
                try (claim) {
                    append(log, "+" + pid + "\n");
                    append(log, "-" + pid + "\n");
                }
                held++;
            }
            System.out.println("done " + held);
            System.out.flush();
        }

        private static void append(Path log, String line) throws Exception {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        }
    }
}
