package dev.hexsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonNumbersTest {

    /**
     * Expected spellings are the engine's: each value was fed to powersync_diff (or inserted as REAL into
     * a synced table) and the output copied here. Only values that the engine's inexact parser reads as the
     * same double as Java's are listed, so these check the printing alone.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0, 1.0",
        "1e20, 1e+20",
        "1e16, 1e+16",
        "1e15, 1000000000000000.0",
        "1.5e-7, 1.5e-7",
        "0.1, 0.1",
        "123456789.125, 123456789.125",
        "0.0, 0.0",
        "-0.0, -0.0",
        "1e-22, 1e-22",
        "1e-7, 1e-7",
        "1e-6, 1e-6",
        "1e-5, 0.00001",
        "0.0001, 0.0001",
        "1e-3, 0.001",
        "10, 10.0",
        "100, 100.0",
        "1e14, 100000000000000.0",
        "1e17, 1e+17",
        "1e21, 1e+21",
        "1e22, 1e+22",
        "1e23, 1e+23",
        "1e30, 1e+30",
        "1.2345e-5, 0.000012345",
        "1.5e-5, 0.000015",
        "1.5e-6, 1.5e-6",
        "0.000009, 9e-6",
        "0.0000099, 9.9e-6",
        "0.000123456789, 0.000123456789",
        "5e-324, 5e-324",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "1e308, 1e+308",
        "1e-308, 1e-308",
        "1e-320, 1e-320",
        "-1.5, -1.5",
        "-1e-7, -1e-7",
        "-123.456, -123.456",
        "-2.0E-5, -0.00002",
        "-1e21, -1e+21",
        "0.30000000000000004, 0.30000000000000004",
        "0.6666666666666666, 0.6666666666666666",
        "2.718281828459045, 2.718281828459045",
        "3.14159, 3.14159",
        "4.35, 4.35",
        "8.41e21, 8.41e+21",
        "6.02214076e23, 6.02214076e+23",
        "1.5e300, 1.5e+300",
        "9999999999999998.0, 9999999999999998.0",
        "1234567890123456.7, 1234567890123456.8",
        "9007199254740994.0, 9007199254740994.0",
        "-9223372036854775809, -9.223372036854776e+18",
        "18446744073709551616, 1.8446744073709552e+19",
    })
    void formatsLikeTheEngine(String literal, String expected) {
        assertThat(JsonNumbers.formatDouble(Double.parseDouble(literal))).isEqualTo(expected);
    }

    @Test
    void layoutSwitchesToExponentOutsideOneInHundredThousandToTenPowerSixteen() {
        assertThat(JsonNumbers.formatDouble(0.00001234)).isEqualTo("0.00001234");
        assertThat(JsonNumbers.formatDouble(0.000001234)).isEqualTo("1.234e-6");
        assertThat(JsonNumbers.formatDouble(9999999999999998.0)).isEqualTo("9999999999999998.0");
        // 123456789012345670 is stored as ...664: of the 17-digit candidates ...660 is nearer than ...670.
        assertThat(JsonNumbers.formatDouble(12345678901234567e1)).isEqualTo("1.2345678901234566e+17");
        assertThat(JsonNumbers.formatDouble(1.25e16)).isEqualTo("1.25e+16");
        assertThat(JsonNumbers.formatDouble(123.0)).isEqualTo("123.0");
        assertThat(JsonNumbers.formatDouble(1.5e100)).isEqualTo("1.5e+100");
        assertThat(JsonNumbers.formatDouble(1.5e-100)).isEqualTo("1.5e-100");
    }

    @Test
    void digitsAreShortestWhereJava17DoubleToStringIsNot() {
        // Java 17's Double.toString gives 9.999999999999999E22, 4.9E-324 and 1.0E-323 for these.
        assertThat(JsonNumbers.formatDouble(1.0E23)).isEqualTo("1e+23");
        assertThat(JsonNumbers.formatDouble(2.0E-3)).isEqualTo("0.002");
        assertThat(JsonNumbers.formatDouble(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(JsonNumbers.formatDouble(2 * Double.MIN_VALUE)).isEqualTo("1e-323");
    }

    @Test
    void nonFiniteValuesHaveNoSpelling() {
        assertThatThrownBy(() -> JsonNumbers.formatDouble(Double.NaN)).isInstanceOf(JsonException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> JsonNumbers.formatDouble(Double.POSITIVE_INFINITY)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonNumbers.formatDouble(Double.NEGATIVE_INFINITY)).isInstanceOf(JsonException.class);
    }

    @Test
    void appendDoubleAppends() {
        StringBuilder out = new StringBuilder("x=");
        JsonNumbers.appendDouble(out, 2.5);
        assertThat(out).hasToString("x=2.5");
    }

    @Test
    void shortestDigitsMatchAnExactSearchOnBoundaryValues() {
        List<Double> values = new ArrayList<>();
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }
        for (int e = -325; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            if (power != 0) {
                values.add(power);
                values.add(Math.nextUp(power));
                values.add(Math.nextDown(power));
            }
        }
        for (long i = 1; i <= 2000; i++) {
            values.add((double) i);
            values.add(i / 1000.0);
        }
        values.add(Double.MAX_VALUE);
        values.add(Double.MIN_NORMAL);
        values.add(Math.nextDown(Double.MIN_NORMAL));
        values.add(9007199254740993.0);
        values.add(9007199254740991.0);
        assertShortest(values);
    }

    @Test
    void shortestDigitsMatchAnExactSearchOnRandomValues() {
        Random random = new Random(20250101);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            double value;
            switch (i % 3) {
                case 0:
                    value = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
                    break;
                case 1:
                    value = random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                    break;
                default:
                    value = Double.parseDouble(random.nextInt(100_000) + "e" + (random.nextInt(60) - 30));
            }
            if (Double.isFinite(value) && value != 0) {
                values.add(value);
            }
        }
        assertShortest(values);
    }

    private static void assertShortest(List<Double> values) {
        for (double value : values) {
            long[] got = JsonNumbers.shortestDecimal(value);
            BigDecimal expected = exactShortest(value);
            assertThat(BigDecimal.valueOf(got[0], (int) -got[1]).stripTrailingZeros())
                    .as("digits of %s", value)
                    .isEqualTo(expected);
            assertThat(Double.parseDouble(JsonNumbers.formatDouble(value))).isEqualTo(value);
        }
    }

    /**
     * The definition, computed the slow exact way: the fewest digits that read back as the value, and of
     * those the one nearest the exact binary value (ties to an even last digit).
     */
    private static BigDecimal exactShortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = Double.parseDouble(down.toString()) == value;
            boolean upOk = Double.parseDouble(up.toString()) == value;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                BigDecimal nearest = cmp < 0 ? down : cmp > 0 ? up : down.unscaledValue().testBit(0) ? up : down;
                return nearest.stripTrailingZeros();
            }
            if (downOk || upOk) {
                return (downOk ? down : up).stripTrailingZeros();
            }
        }
        throw new AssertionError("no decimal found for " + value);
    }

    @Test
    void floatsUseTheirOwnShortestDigits() {
        assertThat(Json.write(0.1f)).isEqualTo("0.1");
        assertThat(Json.write(1e20f)).isEqualTo("1e+20");
        assertThat(Json.write(Float.MIN_VALUE)).isEqualTo("1e-45");
        assertThat(Json.write(Float.MAX_VALUE)).isEqualTo("3.4028235e+38");
        assertThat(Json.write(16777216f)).isEqualTo("16777216.0");
        assertThat(Json.write(-0f)).isEqualTo("-0.0");
        assertThat(Json.write(0f)).isEqualTo("0.0");
        assertThat(Json.write(1.0f / 3)).isEqualTo("0.33333334");
        assertThatThrownBy(() -> Json.write(Float.NaN)).isInstanceOf(JsonException.class);
    }

    @Test
    void engineArithmeticReproducesSerdeJsonsInexactParsing() {
        // 9007199254740993.0 reaches f64_from_parts as 90071992547409930 × 10^-1, rounded twice.
        assertThat(JsonNumbers.engineDoubleFromParts(90071992547409930L, -1)).isEqualTo(9007199254740994.0);
        // 1e-30 is 1 / 1e30, and 1e30 is not exact: the engine prints 9.999999999999999e-31.
        assertThat(JsonNumbers.engineDoubleFromParts(1, -30)).isEqualTo(9.999999999999999e-31);
        assertThat(JsonNumbers.engineDoubleFromParts(15, 299)).isEqualTo(1.5e300);
        assertThat(JsonNumbers.engineDoubleFromParts(5, -324)).isEqualTo(Double.MIN_VALUE);
        assertThat(JsonNumbers.engineDoubleFromParts(24, -325)).isEqualTo(0.0);
        assertThat(JsonNumbers.engineDoubleFromParts(0, 400)).isEqualTo(0.0);
        assertThat(JsonNumbers.engineDoubleFromParts(1, 400)).isNaN();
        assertThat(JsonNumbers.engineDoubleFromParts(2, 308)).isNaN();
        assertThat(JsonNumbers.engineDoubleFromParts(1, Integer.MIN_VALUE)).isEqualTo(0.0);
        assertThat(JsonNumbers.engineDoubleFromParts(-1L, 0)).isEqualTo(1.8446744073709552e19);
    }

    @Test
    void unsignedConversionRoundsToNearestEven() {
        assertThat(JsonNumbers.unsignedToDouble(-1L)).isEqualTo(18446744073709551616.0);
        assertThat(JsonNumbers.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(9223372036854775808.0);
        // 2^63 + 1024 is exactly halfway between two doubles 2048 apart: ties to even (down).
        assertThat(JsonNumbers.unsignedToDouble(Long.MIN_VALUE + 1024)).isEqualTo(9223372036854775808.0);
        assertThat(JsonNumbers.unsignedToDouble(Long.MIN_VALUE + 1025)).isEqualTo(9223372036854777856.0);
        assertThat(JsonNumbers.unsignedToDouble(Long.MIN_VALUE + 3072)).isEqualTo(9223372036854779904.0);
        assertThat(JsonNumbers.unsignedToDouble(42)).isEqualTo(42.0);
    }
}
