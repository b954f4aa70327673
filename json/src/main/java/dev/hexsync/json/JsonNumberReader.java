package dev.hexsync.json;

import java.math.BigInteger;

/**
 * The number readers of {@link JsonParser}: the standard model (exact integers, correctly rounded doubles) and the
 * engine's (serde_json's, step for step).
 */
abstract class JsonNumberReader extends JsonCursor {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** u64::MAX / 10 and u64::MAX % 10, for serde_json's overflow check. */
    private static final long U64_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final long U64_MAX_MOD_10 = Long.remainderUnsigned(-1L, 10);

    JsonNumberReader(String text) {
        super(text);
    }

    // ---------------------------------------------------------------------------------------------
    // Standard numbers: exact integers, correctly rounded doubles.
    // ---------------------------------------------------------------------------------------------

    Object parseNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        if (pos >= length) {
            throw error(pos, "unexpected end of input in number");
        }
        char c = text.charAt(pos);
        if (c == '0') {
            pos++;
            if (pos < length && isDigit(text.charAt(pos))) {
                throw error(pos, "invalid number: leading zeros are not allowed");
            }
        } else if (c >= '1' && c <= '9') {
            pos++;
            skipDigits();
        } else {
            throw error(pos, "invalid number: expected a digit but found " + describe(c));
        }
        int integerEnd = pos;
        boolean integral = true;
        if (pos < length && text.charAt(pos) == '.') {
            pos++;
            requireDigit("after the decimal point");
            skipDigits();
            integral = false;
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            requireDigit("in the exponent");
            skipDigits();
            integral = false;
        }
        if (integral) {
            boolean negative = digitsStart > start;
            if (integerEnd - digitsStart <= 18) {
                long value = 0;
                for (int i = digitsStart; i < integerEnd; i++) {
                    value = value * 10 + (text.charAt(i) - '0');
                }
                return negative ? -value : value;
            }
            BigInteger big = new BigInteger(text.substring(start, integerEnd));
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        double value = Double.parseDouble(text.substring(start, pos));
        if (Double.isInfinite(value)) {
            throw error(start, "number out of range");
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------
    // Engine numbers: serde_json 1.0.151 de.rs (parse_integer .. f64_from_parts), step for step,
    // because its inexact arithmetic decides which double, and so which digits, the engine records.
    // ---------------------------------------------------------------------------------------------

    Object parseEngineNumber() {
        int start = pos;
        boolean positive = true;
        if (text.charAt(pos) == '-') {
            positive = false;
            pos++;
        }
        if (pos >= length) {
            throw error(pos, "unexpected end of input in number");
        }
        char c = text.charAt(pos++);
        if (c == '0') {
            if (pos < length && isDigit(text.charAt(pos))) {
                throw error(pos, "invalid number: leading zeros are not allowed");
            }
            return engineNumberTail(start, positive, 0);
        }
        if (c < '1' || c > '9') {
            throw error(pos - 1, "invalid number: expected a digit but found " + describe(c));
        }
        long significand = c - '0';
        while (pos < length && isDigit(text.charAt(pos))) {
            int digit = text.charAt(pos) - '0';
            if (overflowsU64(significand, digit)) {
                return engineDouble(start, positive, parseLongInteger(significand));
            }
            pos++;
            significand = significand * 10 + digit;
        }
        return engineNumberTail(start, positive, significand);
    }

    private Object engineNumberTail(int start, boolean positive, long significand) {
        if (pos < length) {
            char c = text.charAt(pos);
            if (c == '.') {
                return engineDouble(start, positive, parseDecimal(significand, 0));
            }
            if (c == 'e' || c == 'E') {
                return engineDouble(start, positive, parseExponent(significand, 0));
            }
        }
        if (positive) {
            return significand >= 0 ? (Object) significand : BigInteger.valueOf(significand).add(TWO_64);
        }
        long negated = -significand;
        if (negated >= 0) {
            // i64 underflow, or -0: serde_json turns both into a float.
            return -JsonNumbers.unsignedToDouble(significand);
        }
        return negated;
    }

    private Object engineDouble(int start, boolean positive, double magnitude) {
        if (Double.isNaN(magnitude)) {
            throw error(start, "number out of range");
        }
        return positive ? magnitude : -magnitude;
    }

    private static boolean overflowsU64(long significand, int digit) {
        int cmp = Long.compareUnsigned(significand, U64_MAX_DIV_10);
        return cmp >= 0 && (cmp > 0 || digit > U64_MAX_MOD_10);
    }

    /** Digits beyond u64 only scale the value: they are counted, not read. */
    private double parseLongInteger(long significand) {
        int exponent = 0;
        while (pos < length) {
            char c = text.charAt(pos);
            if (isDigit(c)) {
                pos++;
                exponent++;
            } else if (c == '.') {
                return parseDecimal(significand, exponent);
            } else if (c == 'e' || c == 'E') {
                return parseExponent(significand, exponent);
            } else {
                break;
            }
        }
        return JsonNumbers.engineDoubleFromParts(significand, exponent);
    }

    private double parseDecimal(long significand, int exponentBeforePoint) {
        pos++;
        int exponentAfterPoint = 0;
        while (pos < length && isDigit(text.charAt(pos))) {
            int digit = text.charAt(pos) - '0';
            if (overflowsU64(significand, digit)) {
                // Fraction digits that no longer fit are dropped (truncated, not rounded).
                skipDigits();
                return parseExponentOrFinish(significand, exponentBeforePoint + exponentAfterPoint);
            }
            pos++;
            significand = significand * 10 + digit;
            exponentAfterPoint--;
        }
        if (exponentAfterPoint == 0) {
            requireDigit("after the decimal point");
        }
        return parseExponentOrFinish(significand, exponentBeforePoint + exponentAfterPoint);
    }

    private double parseExponentOrFinish(long significand, int exponent) {
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            return parseExponent(significand, exponent);
        }
        return JsonNumbers.engineDoubleFromParts(significand, exponent);
    }

    private double parseExponent(long significand, int startingExponent) {
        pos++;
        boolean positiveExponent = true;
        if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            positiveExponent = text.charAt(pos) == '+';
            pos++;
        }
        requireDigit("in the exponent");
        int exponent = text.charAt(pos++) - '0';
        while (pos < length && isDigit(text.charAt(pos))) {
            int digit = text.charAt(pos++) - '0';
            if (exponent >= Integer.MAX_VALUE / 10 && (exponent > Integer.MAX_VALUE / 10 || digit > Integer.MAX_VALUE % 10)) {
                // An exponent beyond i32: zero, or out of range when it grows the value.
                if (significand != 0 && positiveExponent) {
                    return Double.NaN;
                }
                skipDigits();
                return 0.0;
            }
            exponent = exponent * 10 + digit;
        }
        long sum = positiveExponent ? (long) startingExponent + exponent : (long) startingExponent - exponent;
        int saturated = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, sum));
        return JsonNumbers.engineDoubleFromParts(significand, saturated);
    }
}
