package io.github.mwaatrigger.emulator;

import io.github.mwaatrigger.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code str()} of the number that {@code json.loads} makes of a JSON number: an {@code int} for
 * a number without fraction or exponent, else a {@code float}. Airflow's CLI prints a run's conf that way.
 */
final class PythonNumbers {

    /** The rounding modes to try at each precision: the nearest first, then its other neighbour. */
    private static final RoundingMode[] ROUNDINGS = {RoundingMode.HALF_EVEN, RoundingMode.UP, RoundingMode.DOWN};

    private PythonNumbers() {
    }

    /** {@code str(json.loads(number))}. */
    static String str(JsonNumber number) {
        String text = number.text();
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            return new BigInteger(text).toString(); // -0 is the int 0
        }
        return floatRepr(Double.parseDouble(text));
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double (the nearest of
     * them if there are two), in positional notation when the decimal exponent is from -4 to 15 and with
     * {@code .0} when whole, else as {@code 1.5e-05} or {@code 1e+16}; {@code inf} beyond the double range.
     * Worked out with {@link BigDecimal}, not {@link Double#toString}, which writes other forms and before
     * JDK 19 not always the shortest digits.
     */
    private static String floatRepr(double value) {
        String sign = Math.copySign(1.0, value) < 0 ? "-" : "";
        double magnitude = Math.abs(value);
        if (Double.isInfinite(magnitude)) {
            return sign + "inf";
        }
        if (magnitude == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(magnitude).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int pointPosition = digits.length() - shortest.scale(); // value = 0.<digits> x 10^pointPosition
        if (pointPosition <= -4 || pointPosition > 16) {
            int exponent = pointPosition - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        if (pointPosition <= 0) {
            return sign + "0." + "0".repeat(-pointPosition) + digits;
        }
        if (pointPosition >= digits.length()) {
            return sign + digits + "0".repeat(pointPosition - digits.length()) + ".0";
        }
        return sign + digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
    }

    private static BigDecimal shortestRoundTrip(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        for (int precision = 1; ; precision++) { // 17 significant digits always read back as the same double
            for (RoundingMode rounding : ROUNDINGS) {
                BigDecimal candidate = exact.round(new MathContext(precision, rounding));
                if (candidate.doubleValue() == magnitude) {
                    return candidate;
                }
            }
        }
    }
}
