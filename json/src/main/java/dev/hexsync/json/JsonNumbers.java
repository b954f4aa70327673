package dev.hexsync.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floating-point numbers spelled exactly as the PowerSync engine spells them.
 *
 * <p>The engine ({@code powersync-sqlite-core} 0.5.3) serialises JSON with {@code serde_json} 1.0.151, which
 * prints an {@code f64} with the {@code zmij} crate. That output is byte-for-byte what the Ryu algorithm
 * gives, except that positive exponents carry a {@code +}. Every {@code ps_crud.data} the engine writes
 * goes through it, so a client that records local writes itself must reproduce it to the byte.
 *
 * <p>The rule, verified against the engine for every value in the tests:
 * <ol>
 *   <li>Digits: the shortest decimal digit string that parses back to the same double; when several of
 *       that length qualify, the one closest to the exact binary value (ties: even last digit).</li>
 *   <li>Let {@code E} be the decimal exponent of the first digit (the value is {@code d.ddd × 10^E}).
 *       If {@code -5 <= E <= 15} the number is written positionally and always has a fraction part:
 *       {@code 1e15 -> 1000000000000000.0}, {@code 1.0 -> 1.0}, {@code 123.25 -> 123.25},
 *       {@code 1e-5 -> 0.00001}.</li>
 *   <li>Otherwise in scientific form, with no {@code .0} for a single digit, a signed exponent and no
 *       exponent padding: {@code 1e16 -> 1e+16}, {@code 1.5e300 -> 1.5e+300}, {@code 1e-6 -> 1e-6},
 *       {@code 5e-324}.</li>
 *   <li>Zero is {@code 0.0}, negative zero {@code -0.0}; a negative number is its absolute value's
 *       spelling with a leading {@code -}.</li>
 * </ol>
 *
 * <p>{@link Double#toString(double)} cannot be used for the digits: before Java 19 it sometimes
 * returns more digits than necessary (Java 17 prints {@code 1.0E23} as {@code 9.999999999999999E22}, and
 * {@code Double.MIN_VALUE} as {@code 4.9E-324} where the engine writes {@code 5e-324}). The digits here
 * come from a port of Ryu (Ulf Adams, PLDI 2018), checked in the tests against an exact search.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /**
     * The engine's spelling of {@code value}.
     *
     * @throws JsonException if the value is NaN or infinite (JSON has no spelling for them)
     */
    public static String formatDouble(double value) {
        StringBuilder out = new StringBuilder(24);
        appendDouble(out, value);
        return out.toString();
    }

    /** Appends the engine's spelling of {@code value}; see {@link #formatDouble(double)}. */
    public static void appendDouble(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            throw new JsonException("JSON has no representation for " + value);
        }
        long bits = Double.doubleToRawLongBits(value);
        if (bits < 0) {
            out.append('-');
        }
        long mantissa = bits & MANTISSA_MASK;
        int exponent = (int) ((bits >>> MANTISSA_BITS) & 0x7ff);
        if (exponent == 0 && mantissa == 0) {
            out.append("0.0");
            return;
        }
        long[] decimal = new long[2];
        shortest(mantissa, exponent, decimal);
        appendLayout(out, decimal[0], (int) decimal[1]);
    }

    /**
     * A {@code float} written with the shortest digits that identify the float (not the digits of the
     * widened double, which would turn {@code 0.1f} into {@code 0.10000000149011612}), laid out like a double.
     * The engine never writes floats, so only the digit choice needs to be right.
     */
    static void appendFloat(StringBuilder out, float value) {
        if (!Float.isFinite(value)) {
            throw new JsonException("JSON has no representation for " + value);
        }
        if (Float.floatToRawIntBits(value) < 0) {
            out.append('-');
            value = -value;
        }
        if (value == 0f) {
            out.append("0.0");
            return;
        }
        BigDecimal shortest = shortestFloat(value);
        appendLayout(out, shortest.unscaledValue().longValueExact(), -shortest.scale());
    }

    private static BigDecimal shortestFloat(float value) {
        // Rare on any hot path, so exact BigDecimal arithmetic is affordable: of the decimals on either
        // side of the exact value at each length, keep those that read back as the same float.
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 9; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = Float.parseFloat(down.toString()) == value;
            boolean upOk = Float.parseFloat(up.toString()) == value;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp == 0) {
                    return down.unscaledValue().testBit(0) ? up.stripTrailingZeros() : down.stripTrailingZeros();
                }
                return (cmp < 0 ? down : up).stripTrailingZeros();
            }
            if (downOk || upOk) {
                return (downOk ? down : up).stripTrailingZeros();
            }
        }
        throw new AssertionError("nine significant digits identify every float: " + value);
    }

    /** Writes digits × 10^exponent10 (digits positive) in the engine's layout. */
    private static void appendLayout(StringBuilder out, long digits, int exponent10) {
        char[] buffer = new char[20];
        // Ryu never yields trailing zeros, the float path strips them; this keeps the layout honest anyway.
        while (digits % 10 == 0) {
            digits /= 10;
            exponent10++;
        }
        int length = 0;
        for (long rest = digits; rest != 0; rest /= 10) {
            buffer[19 - length++] = (char) ('0' + (int) (rest % 10));
        }
        int first = 20 - length;
        int scientific = exponent10 + length - 1;
        if (scientific >= -5 && scientific <= 15) {
            if (exponent10 >= 0) {
                out.append(buffer, first, length);
                for (int i = 0; i < exponent10; i++) {
                    out.append('0');
                }
                out.append(".0");
            } else if (scientific >= 0) {
                out.append(buffer, first, scientific + 1);
                out.append('.');
                out.append(buffer, first + scientific + 1, length - scientific - 1);
            } else {
                out.append("0.");
                for (int i = -1; i > scientific; i--) {
                    out.append('0');
                }
                out.append(buffer, first, length);
            }
            return;
        }
        out.append(buffer[first]);
        if (length > 1) {
            out.append('.');
            out.append(buffer, first + 1, length - 1);
        }
        out.append('e').append(scientific < 0 ? '-' : '+').append(Math.abs(scientific));
    }

    // ---------------------------------------------------------------------------------------------
    // serde_json's number parsing (without its float_roundtrip feature, as the engine is built).
    // ---------------------------------------------------------------------------------------------

    /** 1e0 .. 1e308, each the correctly rounded double, like the literals of serde_json's POW10 table. */
    private static final double[] POW10 = new double[309];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    /**
     * serde_json's {@code f64_from_parts}: {@code significand × 10^exponent} computed with one rounding of
     * the significand and one multiplication or division per 308 decades. Not correctly rounded (e.g.
     * {@code 9007199254740993.0} gives {@code 9007199254740994.0}), but the engine's digits follow from
     * exactly this arithmetic, so a faithful diff must repeat it.
     *
     * @param significand unsigned 64-bit
     * @return the magnitude, or NaN when the engine reports "number out of range"
     */
    static double engineDoubleFromParts(long significand, int exponent) {
        double f = unsignedToDouble(significand);
        while (true) {
            // wrapping_abs: Integer.MIN_VALUE stays negative and, like in Rust, misses the table.
            int index = Math.abs(exponent);
            if (index >= 0 && index < POW10.length) {
                if (exponent >= 0) {
                    f *= POW10[index];
                    if (Double.isInfinite(f)) {
                        return Double.NaN;
                    }
                } else {
                    f /= POW10[index];
                }
                return f;
            }
            if (f == 0.0) {
                return f;
            }
            if (exponent >= 0) {
                return Double.NaN;
            }
            f /= 1e308;
            exponent += 308;
        }
    }

    /** Rust's {@code u64 as f64}: round to nearest, ties to even. */
    static double unsignedToDouble(long value) {
        if (value >= 0) {
            return (double) value;
        }
        // Halve with a sticky bit so the single rounding of the conversion stays correct.
        return (double) ((value >>> 1) | (value & 1)) * 2.0;
    }

    // ---------------------------------------------------------------------------------------------
    // Ryu: shortest round-trip digits of a double.
    // ---------------------------------------------------------------------------------------------

    private static final int MANTISSA_BITS = 52;
    private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;
    private static final int EXPONENT_BIAS = 1023;
    private static final int POW5_BITCOUNT = 125;
    private static final int POW5_INV_BITCOUNT = 125;
    private static final int POW5_TABLE_SIZE = 326;
    private static final int POW5_INV_TABLE_SIZE = 342;

    /** floor(5^i / 2^(bitlength(5^i) - 125)) as {low, high} words. */
    private static final long[][] POW5_SPLIT = new long[POW5_TABLE_SIZE][];
    /** floor(2^(bitlength(5^i) - 1 + 125) / 5^i) + 1 as {low, high} words. */
    private static final long[][] POW5_INV_SPLIT = new long[POW5_INV_TABLE_SIZE][];

    static {
        BigInteger five = BigInteger.valueOf(5);
        BigInteger pow = BigInteger.ONE;
        for (int i = 0; i < POW5_INV_TABLE_SIZE; i++) {
            int bitLength = pow.bitLength();
            if (i < POW5_TABLE_SIZE) {
                POW5_SPLIT[i] = words(pow.shiftRight(bitLength - POW5_BITCOUNT));
            }
            BigInteger inverse = BigInteger.ONE.shiftLeft(bitLength - 1 + POW5_INV_BITCOUNT).divide(pow).add(BigInteger.ONE);
            POW5_INV_SPLIT[i] = words(inverse);
            pow = pow.multiply(five);
        }
    }

    private static long[] words(BigInteger value) {
        return new long[] {value.longValue(), value.shiftRight(64).longValue()};
    }

    /**
     * Shortest digits of |value| (finite, non-zero) as {digits, exponent10}: |value| reads back from
     * digits × 10^exponent10. Exposed to the tests, which check it against an exact BigDecimal search.
     */
    static long[] shortestDecimal(double value) {
        long bits = Double.doubleToRawLongBits(value);
        long[] result = new long[2];
        shortest(bits & MANTISSA_MASK, (int) ((bits >>> MANTISSA_BITS) & 0x7ff), result);
        return result;
    }

    private static int pow5bits(int e) {
        return (int) ((e * 1217359L) >>> 19) + 1;
    }

    private static int log10Pow2(int e) {
        return (int) ((e * 78913L) >>> 18);
    }

    private static int log10Pow5(int e) {
        return (int) ((e * 732923L) >>> 20);
    }

    private static boolean multipleOfPowerOf5(long value, int p) {
        int count = 0;
        while (value % 5 == 0) {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    private static boolean multipleOfPowerOf2(long value, int p) {
        return (value & ((1L << p) - 1)) == 0;
    }

    /** (m × mul) >> j for a 128-bit mul given as {low, high}, with 64 < j < 128 and m < 2^55. */
    private static long mulShift64(long m, long[] mul, int j) {
        long high0 = unsignedMultiplyHigh(m, mul[0]);
        long low1 = m * mul[1];
        long high1 = unsignedMultiplyHigh(m, mul[1]);
        long sum = high0 + low1;
        if (Long.compareUnsigned(sum, high0) < 0) {
            high1++;
        }
        int distance = j - 64;
        return (high1 << (64 - distance)) | (sum >>> distance);
    }

    /** Math.unsignedMultiplyHigh arrived in Java 18; this is its definition for a non-negative a. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((b >> 63) & a);
    }

    /** Ryu's d2d, writing {digits, exponent10} into result. */
    private static void shortest(long ieeeMantissa, int ieeeExponent, long[] result) {
        int e2;
        long m2;
        if (ieeeExponent == 0) {
            e2 = 1 - EXPONENT_BIAS - MANTISSA_BITS - 2;
            m2 = ieeeMantissa;
        } else {
            e2 = ieeeExponent - EXPONENT_BIAS - MANTISSA_BITS - 2;
            m2 = (1L << MANTISSA_BITS) | ieeeMantissa;
        }
        boolean acceptBounds = (m2 & 1) == 0;

        // The interval of decimals that read back as this double is (mm, mp) around mv, all scaled by 4
        // so that the halfway points are integers; at powers of two the lower gap is half as wide.
        long mv = 4 * m2;
        int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;

        long vr;
        long vp;
        long vm;
        int e10;
        boolean vmIsTrailingZeros = false;
        boolean vrIsTrailingZeros = false;
        if (e2 >= 0) {
            int q = log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = POW5_INV_BITCOUNT + pow5bits(q) - 1;
            int i = -e2 + q + k;
            long[] mul = POW5_INV_SPLIT[q];
            vr = mulShift64(4 * m2, mul, i);
            vp = mulShift64(4 * m2 + 2, mul, i);
            vm = mulShift64(4 * m2 - 1 - mmShift, mul, i);
            if (q <= 21) {
                // Only here can the scaled values be exact, which decides ties and bound acceptance.
                if (mv % 5 == 0) {
                    vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
                } else if (acceptBounds) {
                    vmIsTrailingZeros = multipleOfPowerOf5(mv - 1 - mmShift, q);
                } else if (multipleOfPowerOf5(mv + 2, q)) {
                    vp--;
                }
            }
        } else {
            int q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = pow5bits(i) - POW5_BITCOUNT;
            int j = q - k;
            long[] mul = POW5_SPLIT[i];
            vr = mulShift64(4 * m2, mul, j);
            vp = mulShift64(4 * m2 + 2, mul, j);
            vm = mulShift64(4 * m2 - 1 - mmShift, mul, j);
            if (q <= 1) {
                vrIsTrailingZeros = true;
                if (acceptBounds) {
                    vmIsTrailingZeros = mmShift == 1;
                } else {
                    vp--;
                }
            } else if (q < 63) {
                vrIsTrailingZeros = multipleOfPowerOf2(mv, q);
            }
        }

        int removed = 0;
        int lastRemovedDigit = 0;
        long output;
        if (vmIsTrailingZeros || vrIsTrailingZeros) {
            // Rare exact case: track whether the removed digits were all zero to round ties to even.
            while (vp / 10 > vm / 10) {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int) (vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros) {
                while (vm % 10 == 0) {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int) (vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
                lastRemovedDigit = 4;
            }
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1 : 0);
        } else {
            boolean roundUp = false;
            if (vp / 100 > vm / 100) {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }
            while (vp / 10 > vm / 10) {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1 : 0);
        }
        result[0] = output;
        result[1] = e10 + removed;
    }
}
