package dev.hexsync.adapters.http.codec;

/**
 * A pull stream of tokens over one encoded sync line, JSON or BSON. The line rules in {@link SyncLineParser}
 * are written once against this interface so that both wire forms accept and reject exactly the same lines.
 *
 * <p>Implementations throw {@link dev.hexsync.ports.ProtocolException} for input that is malformed in their
 * encoding (bad syntax, bad lengths, bad UTF-8); everything about the line's meaning is the parser's job.
 */
interface WireReader {

    /** What {@link #next()} found. */
    enum Token {
        START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY,
        /** A key inside an object; {@link #name()} holds it. Never emitted inside arrays. */
        FIELD_NAME,
        STRING,
        /** Raw bytes (BSON binary or object id); JSON never produces them. */
        BYTES,
        NUMBER,
        BOOLEAN,
        NULL,
        /** BSON's deprecated undefined value: not a null to the engine, so only acceptable where ignored. */
        UNDEFINED,
        /** The single top-level value has ended and nothing but whitespace follows it. */
        END_OF_INPUT
    }

    /**
     * How a number was written. The engine's serde visitors see different callbacks for each, and a few rules
     * depend on that (a stream error's subscription index accepts a BSON int32 but not an int64).
     */
    enum NumberForm {
        /** BSON int32. */
        INT32,
        /** BSON int64, or a negative JSON integer. */
        INT64,
        /** A non-negative JSON integer up to 2^64-1, or a BSON datetime/timestamp; held as unsigned bits. */
        UINT64,
        /** A BSON double, or a JSON number with a fraction or exponent (or out of 64-bit range). */
        DOUBLE
    }

    /** Advances to the next token. */
    Token next();

    /** The key of the current {@link Token#FIELD_NAME}. */
    String name();

    /** The value of the current {@link Token#STRING}. */
    String string();

    /** The value of the current {@link Token#BYTES}. */
    byte[] bytes();

    /** The form of the current {@link Token#NUMBER}. */
    NumberForm numberForm();

    /** The current integer number: signed for INT32/INT64, the unsigned bits for UINT64. */
    long longValue();

    /** The current {@link NumberForm#DOUBLE} number. */
    double doubleValue();

    /** The value of the current {@link Token#BOOLEAN}. */
    boolean booleanValue();

    /**
     * Having just read {@link Token#START_OBJECT} or {@link Token#START_ARRAY}, consumes everything up to and
     * including the matching end, still validating it as the engine does for ignored values.
     */
    void skipChildren();

    /** "JSON" or "BSON", for error messages. */
    String formatName();
}
