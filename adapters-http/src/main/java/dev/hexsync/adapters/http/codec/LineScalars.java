package dev.hexsync.adapters.http.codec;

import dev.hexsync.adapters.http.codec.WireReader.NumberForm;
import dev.hexsync.adapters.http.codec.WireReader.Token;
import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The scalar rules of {@link SyncLineParser} that several line kinds share: op ids, checksums, priorities, strings. */
final class LineScalars {
    private static final long MAX_UNSIGNED_32 = 0xFFFF_FFFFL;
    /** The engine's sentinel for "all priorities complete"; the service may not send it. */
    private static final int RESERVED_PRIORITY = Integer.MAX_VALUE;

    private LineScalars() {
    }

    /** Op ids travel as decimal strings because JSON numbers lose precision past 2^53; a number is refused. */
    static OpId opId(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.STRING) {
            String text = p.in.string();
            OpId value = parseOpId(text);
            if (value != null) {
                return value;
            }
            throw p.invalid("invalid op id " + SyncLineParser.quote(text)
                    + ": expected a decimal 64-bit integer string");
        }
        throw p.invalid("expected an op id as a decimal string, got " + p.describe(token));
    }

    static Optional<OpId> optionalOpId(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.NULL) {
            return Optional.empty();
        }
        p.pushBack(token);
        return Optional.of(opId(p));
    }

    static OpId lenientOpId(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.STRING) {
            return parseOpId(p.in.string());
        }
        p.skipRest(token);
        return null;
    }

    /**
     * Rust's {@code i64::from_str}: an optional sign, then ASCII digits only, no overflow. (Java's
     * {@code Long.parseLong} would also take non-ASCII digits.)
     *
     * @return null when malformed
     */
    static OpId parseOpId(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == length) {
            return null;
        }
        // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
        long result = 0;
        for (; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || result < Long.MIN_VALUE / 10) {
                return null;
            }
            result *= 10;
            if (result < Long.MIN_VALUE + digit) {
                return null;
            }
            result -= digit;
        }
        if (!negative) {
            if (result == Long.MIN_VALUE) {
                return null;
            }
            result = -result;
        }
        return new OpId(result);
    }

    /**
     * A checksum is a u32, but services send it signed (i32) or as a JS double too. Every integer form is
     * accepted in [-2^31, 2^32-1] and keeps its low 32 bits; a double must be finite and whole and is then
     * judged as that integer. Strings are refused.
     */
    static Checksum checksum(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.NUMBER) {
            long value = p.in.longValue();
            switch (p.in.numberForm()) {
                case INT32:
                    return Checksum.of(value);
                case UINT64:
                    if (value >= 0 && value <= MAX_UNSIGNED_32) {
                        return Checksum.of(value);
                    }
                    break;
                case INT64:
                    if (value >= Integer.MIN_VALUE && value <= MAX_UNSIGNED_32) {
                        return Checksum.of(value);
                    }
                    break;
                case DOUBLE: {
                    double d = p.in.doubleValue();
                    if (!Double.isFinite(d) || d % 1.0 != 0) {
                        throw p.invalid("expected a checksum as a whole number, got " + p.describe(token));
                    }
                    // Like Rust's `as i64`, the cast saturates, so huge values land out of range below.
                    long whole = (long) d;
                    if (whole >= Integer.MIN_VALUE && whole <= MAX_UNSIGNED_32) {
                        return Checksum.of(whole);
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("unknown number form " + p.in.numberForm());
            }
            throw p.invalid("checksum out of range: expected a 32-bit integer, signed or unsigned"
                    + " (-2147483648 .. 4294967295), got " + p.describe(token));
        }
        throw p.invalid("expected a checksum as a number, got " + p.describe(token));
    }

    /**
     * A bucket priority: an integer (of any form, no doubles) that fits an i32, is not negative and is not
     * 2147483647, which the engine reserves as its "everything complete" sentinel. Values above 3 are accepted
     * as the engine accepts them.
     */
    static int priority(SyncLineParser p, Token token) {
        if (token == Token.NUMBER && p.in.numberForm() != NumberForm.DOUBLE) {
            long value = p.in.longValue();
            boolean fits = p.in.numberForm() == NumberForm.UINT64
                    ? value >= 0 && value <= Integer.MAX_VALUE
                    : value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            if (!fits) {
                throw p.invalid("priority out of range: expected a 32-bit integer, got " + p.describe(token));
            }
            if (value < 0) {
                throw p.invalid("invalid priority " + value + ": priorities are 0 (highest) or greater");
            }
            if (value == RESERVED_PRIORITY) {
                throw p.invalid("invalid priority " + value + ": reserved for the engine's \"all priorities\" marker");
            }
            return (int) value;
        }
        throw p.invalid("expected a priority as a non-negative integer, got " + p.describe(token));
    }

    /** Option&lt;i64&gt;: any integer form within i64, or null. */
    static OptionalLong optionalCount(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.NULL) {
            return OptionalLong.empty();
        }
        if (token == Token.NUMBER && p.in.numberForm() != NumberForm.DOUBLE) {
            long value = p.in.longValue();
            if (p.in.numberForm() == NumberForm.UINT64 && value < 0) {
                throw p.invalid("count out of range: expected a 64-bit integer, got " + p.describe(token));
            }
            return OptionalLong.of(value);
        }
        throw p.invalid("expected a count as an integer, got " + p.describe(token));
    }

    /** A usize index: any integer form that is not negative (and, here, fits an int). */
    static int reasonIndex(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.NUMBER && p.in.numberForm() != NumberForm.DOUBLE) {
            long value = p.in.longValue();
            boolean negative = p.in.numberForm() != NumberForm.UINT64 && value < 0;
            if (!negative) {
                if (value >= 0 && value <= Integer.MAX_VALUE) {
                    return (int) value;
                }
                throw p.invalid("index out of range, got " + p.describe(token));
            }
        }
        throw p.invalid("expected an index as a non-negative integer, got " + p.describe(token));
    }

    /**
     * A string. From BSON the engine also takes binary data that is valid UTF-8 (serde's string visitors
     * accept bytes), so we do too.
     */
    static String string(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.STRING) {
            return p.in.string();
        }
        if (token == Token.BYTES) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(p.in.bytes())).toString();
            } catch (CharacterCodingException e) {
                throw p.invalid("expected a string, got binary data that is not UTF-8 text");
            }
        }
        throw p.invalid("expected a string, got " + p.describe(token));
    }

    static String optionalString(SyncLineParser p) {
        Token token = p.next();
        if (token == Token.NULL) {
            return null;
        }
        p.pushBack(token);
        return string(p);
    }

    static List<String> strings(SyncLineParser p) {
        p.beginArray();
        List<String> result = new ArrayList<>();
        for (int i = 0; p.hasNextElement(); i++) {
            p.atIndex(i);
            result.add(string(p));
        }
        p.atIndex(-1);
        return result;
    }
}
