package dev.hexsync.adapters.sqlite.functions;

import dev.hexsync.ports.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.sqlite.Function;

/**
 * Replaces SQLite's {@code unixepoch} with one that reads a given clock for {@code 'now'}, so that SQL run on
 * virtual time (conformance scenarios) sees the same time as the engine. Supports what such SQL uses: no
 * argument or {@code 'now'}, an ISO date-time or a number of seconds, and the {@code 'subsec'} modifier.
 */
public final class ClockFunctions {
    private ClockFunctions() {
    }

    public static void register(Connection connection, Clock clock) throws SQLException {
        Function.create(connection, "unixepoch", new UnixEpoch(clock));
    }

    private static final class UnixEpoch extends Function {
        private final Clock clock;

        UnixEpoch(Clock clock) {
            this.clock = clock;
        }

        @Override
        protected void xFunc() throws SQLException {
            Instant time = clock.now();
            boolean subsec = false;
            for (int i = 0; i < args(); i++) {
                String arg = value_text(i);
                if (arg == null) {
                    result();
                    return;
                }
                String folded = arg.trim().toLowerCase(java.util.Locale.ROOT);
                if (folded.equals("subsec") || folded.equals("subsecond")) {
                    subsec = true;
                } else if (folded.equals("now")) {
                    time = clock.now();
                } else if (i == 0) {
                    time = parse(arg);
                } else {
                    throw new FunctionError("unixepoch on virtual time does not support the modifier '" + arg + "'");
                }
            }
            if (subsec) {
                result(time.toEpochMilli() / 1000.0);
            } else {
                result(time.getEpochSecond());
            }
        }

        private static Instant parse(String value) throws SQLException {
            try {
                return Instant.ofEpochMilli(Math.round(Double.parseDouble(value) * 1000));
            } catch (NumberFormatException notANumber) {
                try {
                    String iso = value.trim().replace(' ', 'T');
                    return iso.length() <= 10 ? LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC)
                            : LocalDateTime.parse(iso.endsWith("Z") ? iso.substring(0, iso.length() - 1) : iso).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new FunctionError("unixepoch: cannot read the time value '" + value + "'");
                }
            }
        }
    }
}
