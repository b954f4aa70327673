package dev.hexsync.cli;

import dev.hexsync.ports.model.SyncProgress;
import dev.hexsync.ports.model.SyncStatus;
import java.io.PrintWriter;
import java.util.concurrent.Flow;

/**
 * The download progress of the sync status as a bar. On a terminal it redraws one line with {@code \r}; when
 * the output is a pipe or a file it prints a plain line every 10 % instead (no carriage returns, no escape
 * codes), so logs stay readable.
 */
final class ProgressBar implements Flow.Subscriber<SyncStatus> {
    private static final int WIDTH = 40;

    private final PrintWriter out;
    private final boolean terminal;
    private volatile boolean finished;
    private long lastDrawn = -1;
    private long lastTotal = -1;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Whether standard output is an interactive terminal (what decides between frames and plain lines). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /**
     * The whole percent done, rounded down: 100 only when every op is in, so the bar never shows 100 % beside
     * counts that disagree (20,000 of 20,010 is 99 %).
     */
    static long percent(long downloaded, long total) {
        if (total <= 0) {
            return 100;
        }
        return Math.min(100, Math.max(0, downloaded * 100 / total));
    }

    /** One frame of the bar, without line control. */
    static String frame(long downloaded, long total) {
        long percent = percent(downloaded, total);
        int filled = (int) (percent * WIDTH / 100);
        return String.format("   downloading [%s%s] %3d%% (%,d / %,d ops)", "#".repeat(filled), " ".repeat(WIDTH - filled),
                percent, downloaded, total);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(SyncStatus status) {
        if (finished || status.downloadProgress().isEmpty()) {
            return;
        }
        SyncProgress.Counts counts = status.downloadProgress().get().overall();
        long percent = percent(counts.downloaded(), counts.total());
        lastTotal = counts.total();
        // A plain line per 10 % off a terminal; a frame per percent on one.
        long step = terminal ? percent : percent / 10 * 10;
        if (step != lastDrawn) {
            lastDrawn = step;
            if (terminal) {
                out.print("\r" + frame(counts.downloaded(), counts.total()));
            } else {
                out.println(frame(counts.downloaded(), counts.total()));
            }
            out.flush();
        }
    }

    /**
     * Ends the bar once the sync completed: every op of the last target is in then, so the last frame shows
     * that total as downloaded (the final progress update may not have been published before completion).
     */
    synchronized void finish() {
        finished = true;
        if (lastTotal >= 0) {
            String last = frame(lastTotal, lastTotal);
            out.println(terminal ? "\r" + last + " ".repeat(10) : last);
        }
        out.flush();
    }

    @Override
    public void onError(Throwable throwable) {
    }

    @Override
    public void onComplete() {
    }
}
