package dev.hexsync.ports.schema;

import java.util.Locale;
import java.util.Objects;

/**
 * The declared type of a column: {@link #TEXT}, {@link #INTEGER} or {@link #REAL}. Values are stored in JSON
 * and cast to this type when read through the view.
 *
 * <p>The type keeps the spelling it was declared with, because the engine pastes it into the view's CAST
 * as given; schema JSON written for the PowerSync engine may use other spellings or even other type names,
 * which {@link Schema#validate()} rejects but the storage engine applies as the PowerSync engine does.
 *
 * @param sqlName the type name as declared
 */
public record ColumnType(String sqlName) {
    /** Text: strings, and the text forms of UUIDs, times and decimals. */
    public static final ColumnType TEXT = new ColumnType("text");
    /** 64-bit integers, and booleans as 1/0. */
    public static final ColumnType INTEGER = new ColumnType("integer");
    /** 64-bit floating point. */
    public static final ColumnType REAL = new ColumnType("real");

    /**
     * Refuses a null name.
     *
     * @param sqlName the type name as declared
     */
    public ColumnType {
        Objects.requireNonNull(sqlName, "sqlName is null");
    }

    /**
     * Whether this is one of the types the PowerSync SDKs allow.
     *
     * @return true for text, integer and real in any letter case
     */
    public boolean isStandard() {
        String folded = sqlName.toLowerCase(Locale.ROOT);
        return folded.equals("text") || folded.equals("integer") || folded.equals("real");
    }

    @Override
    public String toString() {
        return sqlName;
    }
}
