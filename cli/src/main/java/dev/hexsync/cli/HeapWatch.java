package dev.hexsync.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap during a measured run, two ways: a background thread samples {@link MemoryMXBean} heap used
 * (every {@value #SAMPLE_MILLIS} ms; includes garbage not yet collected, so it mostly tells how big the young
 * generation was allowed to grow), and a GC notification listener records the heap used right after each
 * collection (the live set, plus whatever old garbage G1 has not collected yet). A figure that grows with the
 * size of the work is what a leak or an unbounded buffer looks like; the sampled peak alone cannot show that.
 */
final class HeapWatch implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 2;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakAfterGc = -1;
    private volatile int collections;

    HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "hexsync-bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** What one run saw, in bytes above the baseline taken by {@link #start()}. */
    record Peaks(long baseline, long peakUsed, long peakAfterGc, int collections) {
        /** Peak sampled heap used above the baseline, MB. */
        double usedMb() {
            return (peakUsed - baseline) / 1e6;
        }

        /** Peak heap used right after a collection above the baseline, MB; NaN when no collection ran. */
        double afterGcMb() {
            return peakAfterGc < 0 ? Double.NaN : (peakAfterGc - baseline) / 1e6;
        }
    }

    /**
     * Collects (so that the baseline is the live heap: what the benchmark itself holds, such as its input), then
     * starts watching.
     *
     * @return the baseline, bytes
     */
    long start() {
        System.gc();
        try {
            // The collection's own notification arrives on another thread; let it pass before the reset.
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long baseline = memory.getHeapMemoryUsage().getUsed();
        collections = 0;
        peakAfterGc = -1;
        peakUsed = baseline;
        return baseline;
    }

    /** Stops the current watch and returns what it saw. */
    Peaks stop(long baseline) {
        // One last sample, so that a run shorter than the sampling interval still has a peak.
        record(memory.getHeapMemoryUsage().getUsed());
        return new Peaks(baseline, peakUsed, peakAfterGc, collections);
    }

    private void sample() {
        while (running) {
            record(memory.getHeapMemoryUsage().getUsed());
            try {
                TimeUnit.MILLISECONDS.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(long used) {
        if (used > peakUsed) {
            peakUsed = used;
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        long before = 0;
        for (MemoryUsage pool : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            after += pool.getUsed();
        }
        for (MemoryUsage pool : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
            before += pool.getUsed();
        }
        synchronized (this) {
            collections++;
            if (after > peakAfterGc) {
                peakAfterGc = after;
            }
            // The heap was this full when the collection started, even if no sample caught it.
            if (before > peakUsed) {
                peakUsed = before;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Already gone.
            }
        }
    }
}
