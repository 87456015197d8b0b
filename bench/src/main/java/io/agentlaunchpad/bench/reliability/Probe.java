package io.agentlaunchpad.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request of a suite: which route it aims at, what is wrong with it ({@code category} and {@code label}), and the
 * request itself. {@code rawTarget} is the path and query exactly as sent (already percent-encoded); {@code raw}
 * sends it over a plain socket, for targets {@link java.net.URI} refuses (a malformed percent escape).
 * Header values may name a credential ({@code {{admin}}}, {@code {{user}}}) that the suite fills in at send time.
 */
public record Probe(String function, String category, String label, String method, String rawTarget,
                    List<Map.Entry<String, String>> headers, byte[] body, boolean raw) {

    public static final String ADMIN = "{{admin}}";
    public static final String USER = "{{user}}";

    public static Builder to(String function, String method, String rawTarget) {
        return new Builder(function, method, rawTarget);
    }

    /** A short description for tables: method, target (cut), and what is wrong. */
    public String describe() {
        String target = rawTarget.length() > 70 ? rawTarget.substring(0, 67) + "..." : rawTarget;
        return method + " " + target + " [" + category + ": " + label + "]";
    }

    public static final class Builder {
        private final String function;
        private final String method;
        private final String rawTarget;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body;
        private boolean raw;

        private Builder(String function, String method, String rawTarget) {
            this.function = function;
            this.method = method;
            this.rawTarget = rawTarget;
        }

        public Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder headers(List<Map.Entry<String, String>> all) {
            headers.addAll(all);
            return this;
        }

        /** A JSON body; an unpaired surrogate (no UTF-8 for it) is sent as its JSON escape, as a client would. */
        public Builder json(String text) {
            header("Content-Type", "application/json");
            StringBuilder escaped = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (paired) {
                    escaped.append(c).append(text.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    escaped.append(String.format("\\u%04x", (int) c));
                } else {
                    escaped.append(c);
                }
            }
            body = escaped.toString().getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder body(byte[] bytes) {
            body = bytes;
            return this;
        }

        public Builder raw() {
            raw = true;
            return this;
        }

        public Probe as(String category, String label) {
            return new Probe(function, category, label, method, rawTarget, List.copyOf(headers), body, raw);
        }
    }
}
