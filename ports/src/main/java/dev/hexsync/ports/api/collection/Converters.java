package dev.hexsync.ports.api.collection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The column converters the default record mapping picks by field type, for use in custom mappings and in
 * {@link CollectionOptions#withConverter}: booleans as 0/1, {@link Instant} and {@link LocalDate} as ISO text,
 * {@link UUID} and enums as text, other objects as JSON text through functions the application gives.
 */
public final class Converters {
    private Converters() {
    }

    /** {@code true}/{@code false} as 1/0; reads any non-zero number (or its text) as true. */
    public static ColumnConverter<Boolean> booleans() {
        return new ColumnConverter<>() {
            @Override
            public Object toColumn(Boolean value) {
                return value ? 1L : 0L;
            }

            @Override
            public Boolean fromColumn(Object stored) {
                return stored instanceof Number n ? n.doubleValue() != 0 : Double.parseDouble(stored.toString()) != 0;
            }
        };
    }

    /** An instant as ISO 8601 text in UTC ({@code 2026-01-02T03:04:05Z}). */
    public static ColumnConverter<Instant> instants() {
        return text(Instant::toString, Instant::parse, "an ISO 8601 instant");
    }

    /** A date as ISO text ({@code 2026-01-02}). */
    public static ColumnConverter<LocalDate> dates() {
        return text(LocalDate::toString, LocalDate::parse, "an ISO date");
    }

    /** A UUID as its text. */
    public static ColumnConverter<UUID> uuids() {
        return text(UUID::toString, UUID::fromString, "a UUID");
    }

    /** An enum constant as its name. */
    public static <E extends Enum<E>> ColumnConverter<E> enums(Class<E> type) {
        return text(Enum::name, name -> Enum.valueOf(type, name), "a constant of " + type.getSimpleName());
    }

    /** An object as JSON text, written and read by the application's functions (its JSON library). */
    public static <V> ColumnConverter<V> json(Function<? super V, String> write, Function<String, ? extends V> read) {
        return text(write, read, "JSON");
    }

    /** A value stored as text, with its own parse failure turned into a clear error. */
    public static <V> ColumnConverter<V> text(Function<? super V, String> write, Function<String, ? extends V> read,
            String expected) {
        return new ColumnConverter<>() {
            @Override
            public Object toColumn(V value) {
                return write.apply(value);
            }

            @Override
            public V fromColumn(Object stored) {
                String text = stored.toString();
                try {
                    return read.apply(text);
                } catch (InvalidRowException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new InvalidRowException("Stored value '" + text + "' is not "
                            + expected.toLowerCase(Locale.ROOT).replace("json", "JSON") + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
