package io.agentlaunchpad.time;

import java.time.Duration;

/** An agent's uptime as the API reference writes it: {@code 2h 15m}, {@code 3d 4h}, {@code 12m}, {@code 40s}. */
public final class Uptime {

    private Uptime() {
    }

    public static String of(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m";
        }
        return d.toSecondsPart() + "s";
    }
}
