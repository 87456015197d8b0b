package io.agentlaunchpad.quantity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityTest {

    @Test
    void readsBinaryDecimalAndMilliSuffixes() {
        assertThat(Quantity.require("512Mi")).isEqualByComparingTo(BigDecimal.valueOf(512L * 1024 * 1024));
        assertThat(Quantity.require("1Gi")).isEqualByComparingTo(BigDecimal.valueOf(1024L * 1024 * 1024));
        assertThat(Quantity.require("2G")).isEqualByComparingTo(BigDecimal.valueOf(2_000_000_000L));
        assertThat(Quantity.require("500m")).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(Quantity.require("1.5")).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(Quantity.require("1000m")).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void refusesWhatIsNotAQuantity() {
        for (String bad : new String[]{"", "lots", "1e9", "-1", "1 Gi", "1gi", "1.Gi", "Gi", "1Gib", "0x10"}) {
            assertThat(Quantity.parse(bad)).as(bad).isEmpty();
        }
        assertThat(Quantity.parse(null)).isEmpty();
    }
}
