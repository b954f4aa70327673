package dev.hexsync.adapters.locks;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimBackendException;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Claims shared by every process on one machine, held as OS file locks ({@link FileChannel#tryLock}) on one
 * lock file per resource id in a directory beside the database (for {@code app.db}, say {@code app.db.claims/}).
 * The operating system releases a process's locks when the process ends, however it ends (SIGKILL included),
 * and never while it lives, so a claim is exactly as alive as its holder. Local file systems only: network
 * file systems implement locks loosely or not at all; across machines use {@link H2ServerClaimManager}.
 *
 * <h2>File names</h2>
 * An id becomes {@code <readable>-<sha256>.lock}: up to 32 chars of the id folded to
 * {@code [a-z0-9_]} so an operator can tell files apart, then the lowercase hex SHA-256 of the id's UTF-8 bytes,
 * which alone makes the name unique. So any valid id is safe (no separators, no {@code ..}, no reserved
 * device names, at most 102 chars) and ids differing only in case stay distinct on case-insensitive file
 * systems.
 *
 * <h2>Lock files are deleted on release</h2>
 * Leaving them would grow the directory by one file per diff trigger ever created. Deleting a lock file is
 * racy in general (a process may lock the unlinked file while another creates a fresh one), so a claimer
 * verifies after locking that the path still names the file it locked: it writes a unique token into the file
 * and reads it back through the path; on a mismatch it drops that lock and retries. Only a verified holder
 * deletes, and only while it still holds the lock. A probe checks the same way before answering "free".
 *
 * <p>The holder keeps that second descriptor open until it releases, because POSIX drops all of a process's
 * locks on a file as soon as any one of its descriptors on that file is closed. For the same reason, nothing
 * in a process holding a claim may open and close its lock file: read lock files from another process.
 *
 * <p>The lock covers one byte far beyond the token rather than the whole file, because on Windows locks are
 * mandatory and a whole-file lock would stop the holder's own verification read.
 */
public final class FileLockClaimManager implements ClaimManager {
    static final long LOCK_POSITION = 1L << 30;
    private static final long LOCK_SIZE = 1;
    private static final int READABLE_CHARS = 32;
    /** Each retry means a holder released between our open and our lock; many in a row mean something is wrong. */
    private static final int MAX_ATTEMPTS = 16;
    private static final String NAMESPACE = "file:";
    /** A lock file holds a token of about a kilobyte; reading more than this only compares garbage. */
    private static final int MAX_CONTENT_BYTES = 64 * 1024;

    private final Path directory;

    /**
     * @param directory where the lock files live; created if missing. Every process sharing the database must
     *     pass the same directory.
     * @throws ClaimBackendException if the directory cannot be created or resolved
     */
    public FileLockClaimManager(Path directory) {
        try {
            // The real path makes two spellings of one directory share registry keys in this JVM.
            this.directory = Files.createDirectories(directory).toRealPath();
        } catch (IOException e) {
            throw new ClaimBackendException(null, "Cannot create the claim lock directory " + directory + ": " + e, e);
        }
    }

    /** The directory holding the lock files, resolved to its real path. */
    public Path directory() {
        return directory;
    }

    /**
     * The lock file that represents {@code resourceId}. It exists while the claim is held; a holder that was
     * killed leaves it behind, unlocked, until the id is next claimed and released. Inspect it from another
     * process than the holder (see the class doc).
     */
    public Path lockFile(String resourceId) {
        return directory.resolve(fileName(ClaimManager.requireValidResourceId(resourceId)));
    }

    @Override
    public Claim claim(String resourceId) {
        Path lockFile = lockFile(resourceId);
        String key = NAMESPACE + lockFile;
        ProcessClaimRegistry.Hold hold = ProcessClaimRegistry.tryHold(key)
                .orElseThrow(() -> new ClaimedInThisProcessException(resourceId));
        ReentrantLock guard = ProcessClaimRegistry.guard(key);
        guard.lock();
        try {
            return lockVerified(resourceId, lockFile, hold);
        } catch (IOException e) {
            hold.release();
            throw new ClaimBackendException(resourceId, "Cannot claim " + resourceId + " with lock file " + lockFile
                    + ": " + e, e);
        } catch (RuntimeException e) {
            hold.release();
            throw e;
        } finally {
            guard.unlock();
        }
    }

    @Override
    public boolean isClaimed(String resourceId) {
        Path lockFile = lockFile(resourceId);
        String key = NAMESPACE + lockFile;
        ReentrantLock guard = ProcessClaimRegistry.guard(key);
        guard.lock();
        try {
            if (ProcessClaimRegistry.isHeld(key)) {
                return true;
            }
            return probe(resourceId, lockFile);
        } catch (IOException e) {
            throw new ClaimBackendException(resourceId, "Cannot probe lock file " + lockFile + ": " + e, e);
        } finally {
            guard.unlock();
        }
    }

    private FileClaim lockVerified(String resourceId, Path lockFile, ProcessClaimRegistry.Hold hold)
            throws IOException {
        byte[] token = token(resourceId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(lockFile,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel atPath = null;
            boolean keep = false;
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock(LOCK_POSITION, LOCK_SIZE, false);
                } catch (OverlappingFileLockException e) {
                    // Another manager in this JVM reached the same file by a path we could not unify (a bind mount).
                    throw new ClaimedInThisProcessException(resourceId);
                }
                if (lock == null) {
                    throw new ClaimedElsewhereException(resourceId, "lock file " + lockFile);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(token), 0);
                // Kept open for as long as the claim lives: closing any descriptor on a file drops all of this
                // process's POSIX locks on it, ours included.
                atPath = openAtPath(lockFile);
                if (atPath != null && Arrays.equals(token, readAll(atPath))) {
                    keep = true;
                    return new FileClaim(resourceId, lockFile, channel, atPath, lock, hold);
                }
                // We locked a file its last holder had already unlinked; the path names a newer one. Try that.
            } finally {
                if (!keep) {
                    closeBoth(channel, atPath);
                }
            }
        }
        throw new ClaimBackendException(resourceId, "Lock file " + lockFile + " was replaced " + MAX_ATTEMPTS
                + " times while claiming " + resourceId + "; is something else deleting files in " + directory + "?");
    }

    private boolean probe(String resourceId, Path lockFile) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            FileChannel channel = openAtPath(lockFile);
            if (channel == null) {
                return false; // a holder's file exists for as long as it holds: only it deletes, and only on release
            }
            FileChannel again = null;
            try {
                FileLock lock;
                try {
                    // Shared, so probes from several processes do not refuse each other.
                    lock = channel.tryLock(LOCK_POSITION, LOCK_SIZE, true);
                } catch (OverlappingFileLockException e) {
                    return true; // this JVM holds it through a path we could not unify (see lockVerified)
                }
                if (lock == null) {
                    return true;
                }
                // Read ours before opening the path again: closing that second descriptor drops our lock.
                byte[] found = readAll(channel);
                again = openAtPath(lockFile);
                if (again == null || Arrays.equals(found, readAll(again))) {
                    // Free: either gone, or the path names the very file we found unlocked.
                    return false;
                }
                // We found an unlinked file; a newer one, possibly held, took its name. Look at that one.
            } finally {
                closeBoth(channel, again);
            }
        }
        throw new ClaimBackendException(resourceId, "Lock file " + lockFile + " was replaced " + MAX_ATTEMPTS
                + " times while probing " + resourceId + "; is something else deleting files in " + directory + "?");
    }

    /** A read channel on whatever file {@code path} names now, or null when none. */
    private static FileChannel openAtPath(Path path) throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void closeBoth(FileChannel first, FileChannel second) throws IOException {
        try {
            first.close();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    /** The first {@value #MAX_CONTENT_BYTES} bytes of the file (all of it, for any file we wrote). */
    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_CONTENT_BYTES));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // positional reads, so the offset is what has been read so far and the channel position is untouched
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /**
     * What a holder writes into its lock file: the unique token the verification needs, plus the id and pid for
     * an operator looking at the directory. Never read back for liveness: only the lock says who is alive.
     */
    private static byte[] token(String resourceId) {
        return ("hexsync claim\nresource-id: " + resourceId + "\npid: " + ProcessHandle.current().pid()
                + "\ntoken: " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String fileName(String resourceId) {
        StringBuilder name = new StringBuilder(READABLE_CHARS + 70);
        resourceId.codePoints().limit(READABLE_CHARS).forEach(codePoint -> {
            if (codePoint >= 'a' && codePoint <= 'z' || codePoint >= '0' && codePoint <= '9') {
                name.appendCodePoint(codePoint);
            } else if (codePoint >= 'A' && codePoint <= 'Z') {
                name.appendCodePoint(Character.toLowerCase(codePoint));
            } else {
                name.append('_');
            }
        });
        return name.append('-').append(HexFormat.of().formatHex(sha256(resourceId))).append(".lock").toString();
    }

    private static byte[] sha256(String resourceId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(resourceId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "FileLockClaimManager[" + directory + "]";
    }

    private static final class FileClaim implements Claim {
        private final String resourceId;
        private final Path lockFile;
        private final FileChannel channel;
        private final FileChannel verification;
        private final FileLock lock;
        private final ProcessClaimRegistry.Hold hold;
        private final AtomicBoolean closed = new AtomicBoolean();

        FileClaim(String resourceId, Path lockFile, FileChannel channel, FileChannel verification, FileLock lock,
                ProcessClaimRegistry.Hold hold) {
            this.resourceId = resourceId;
            this.lockFile = lockFile;
            this.channel = channel;
            this.verification = verification;
            this.lock = lock;
            this.hold = hold;
        }

        @Override
        public String resourceId() {
            return resourceId;
        }

        @Override
        public boolean isHeld() {
            return !closed.get() && lock.isValid();
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                try {
                    // While still locked: we are the verified holder, so the path names our file (see class doc).
                    Files.deleteIfExists(lockFile);
                } catch (IOException e) {
                    // A leftover lock file is harmless: the next claimer reuses it.
                }
                closeBoth(channel, verification); // releases the lock
            } catch (IOException e) {
                throw new ClaimBackendException(resourceId, "Could not close lock file " + lockFile
                        + "; the lock is released when this process exits: " + e, e);
            } finally {
                // Only now may this JVM claim the id again, so its new lock never overlaps the old one.
                hold.release();
            }
        }

        @Override
        public String toString() {
            return "FileClaim[" + resourceId + ", " + lockFile + (isHeld() ? "" : ", released") + "]";
        }
    }
}
