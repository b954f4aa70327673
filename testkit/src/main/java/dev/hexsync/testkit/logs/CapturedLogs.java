package dev.hexsync.testkit.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J backend for tests that keeps every line in memory, at every level, from every logger, while
 * {@link #start()} is in effect (loggers report themselves disabled otherwise, so other tests run as usual).
 * A module's tests use it by registering it in their test resources
 * ({@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}); it is not registered here, so nothing that
 * depends on testkit (the command line's jar) gets it as its SLF4J backend by accident.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    private static final List<String> LINES = new ArrayList<>();
    private static volatile boolean capturing;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /** Starts capturing at TRACE and forgets earlier lines. */
    public static void start() {
        synchronized (LINES) {
            LINES.clear();
        }
        capturing = true;
    }

    /** Goes on capturing after {@link #stop()}, keeping the lines captured so far. */
    public static void resume() {
        capturing = true;
    }

    /** Stops capturing and returns the captured lines, each {@code LEVEL logger: message} plus any stack trace. */
    public static List<String> stop() {
        capturing = false;
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    /** The lines captured since {@link #start()}, capturing on. */
    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return capturing;
        }

        @Override
        public boolean isDebugEnabled() {
            return capturing;
        }

        @Override
        public boolean isInfoEnabled() {
            return capturing;
        }

        @Override
        public boolean isWarnEnabled() {
            return capturing;
        }

        @Override
        public boolean isErrorEnabled() {
            return capturing;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            if (!capturing) {
                return;
            }
            StringBuilder line = new StringBuilder().append(level).append(' ').append(name).append(": ")
                    .append(MessageFormatter.basicArrayFormat(pattern, arguments));
            for (Throwable t = throwable; t != null; t = t.getCause()) {
                line.append("\n  ").append(t);
                for (StackTraceElement frame : t.getStackTrace()) {
                    line.append("\n    at ").append(frame);
                }
            }
            synchronized (LINES) {
                LINES.add(line.toString());
            }
        }
    }
}
