package io.agentlaunchpad.time;

import io.agentlaunchpad.errors.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code since} query parameter: a relative age ({@code 45s}, {@code 30m}, {@code 1h}, {@code 2d}) or an RFC 3339 time. */
public final class Since {

    private static final Pattern RELATIVE = Pattern.compile("^(\\d{1,9})([smhd])$");

    private Since() {
    }

    /** @return the instant meant, or null when the parameter is absent; 400 naming {@code name} when malformed */
    public static Instant parse(String name, String text, Instant now) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String value = text.trim();
        Matcher m = RELATIVE.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (amount == 0) {
                throw ApiException.validation(name, "must be a positive age such as 45s, 30m, 1h or an RFC 3339 time");
            }
            return now.minus(age);
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            if (at.isAfter(now)) {
                throw ApiException.validation(name, "must not be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name,
                    "must be an age such as 45s, 30m or 1h, or an RFC 3339 time such as 2024-01-15T13:20:00Z");
        }
    }
}
