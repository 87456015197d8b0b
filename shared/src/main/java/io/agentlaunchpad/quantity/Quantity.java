package io.agentlaunchpad.quantity;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Kubernetes resource quantities an agent may request: plain numbers with an optional suffix
 * ({@code m} for milli, decimal {@code k M G T}, binary {@code Ki Mi Gi Ti}). Exponents are refused on purpose.
 */
public final class Quantity {

    private static final Pattern FORMAT = Pattern.compile("^([0-9]{1,9})(\\.[0-9]{1,6})?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$");
    private static final Map<String, BigDecimal> FACTORS = Map.of(
            "", BigDecimal.ONE,
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.valueOf(1000L),
            "M", BigDecimal.valueOf(1000L * 1000),
            "G", BigDecimal.valueOf(1000L * 1000 * 1000),
            "T", BigDecimal.valueOf(1000L * 1000 * 1000 * 1000),
            "Ki", BigDecimal.valueOf(1024L),
            "Mi", BigDecimal.valueOf(1024L * 1024),
            "Gi", BigDecimal.valueOf(1024L * 1024 * 1024),
            "Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024));

    private Quantity() {
    }

    /** The value in base units (bytes for memory, cores for CPU), or empty when it is not a quantity we accept. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String number = m.group(1) + (m.group(2) == null ? "" : m.group(2));
        String suffix = m.group(3) == null ? "" : m.group(3);
        return Optional.of(new BigDecimal(number).multiply(FACTORS.get(suffix)));
    }

    public static BigDecimal require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a quantity: " + text));
    }

    public static boolean isMilli(String text) {
        return text != null && text.endsWith("m");
    }
}
