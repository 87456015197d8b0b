package io.agentlaunchpad.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentlaunchpad.bench.reliability.BodySchema.Field;
import io.agentlaunchpad.bench.reliability.RouteInputs.QueryParam;
import io.agentlaunchpad.http.Route;
import io.agentlaunchpad.http.RouteTable;
import io.agentlaunchpad.json.Json;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The bad-input corpus: for every route of the route table, requests that are valid except for exactly one thing
 * (so a 4xx is the platform refusing that thing, not something else): credentials, path parameters, query parameters,
 * headers, the JSON of the body, its size and nesting, and every field of the body with wrong types and bad values.
 * A route that reads no body or query gets none of those (input it never reads is not bad input for it).
 */
public final class BadInputCorpus {

    /** Existing objects the baseline requests name: the agent, an API key and a scan id, all the admin's. */
    public record Targets(String agentId, String keyId, String scanId) {
    }

    /**
     * Request targets with a broken percent escape: the JDK HTTP server under the local gateway refuses them itself
     * (400, text/html) before any platform code runs, so only their status is the platform's business here.
     */
    public static final String MALFORMED_ESCAPE = "path: malformed escape";

    static final int GATEWAY_LIMIT = 10 * 1024 * 1024;
    /** launchpad.agents.max-body-bytes' default: over it the function answers 413. */
    static final int FUNCTION_LIMIT = 262_144;
    /** Random ids tried per path parameter of every route. */
    static final int GENERATED_IDS = 300;
    /** Random values tried per query parameter of every route (each holds a character no valid value has). */
    static final int GENERATED_QUERY_VALUES = 200;

    /** Path traversal, injection and template strings: tried in ids, names, query values and keys. */
    static final List<String> INJECTIONS = List.of("../../etc/passwd", "..%2f..%2fetc", "%2e%2e%2f", "..",
            "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE agents; --", "${jndi:ldap://127.0.0.1:1389/a}",
            "${env:AWS_SECRET_ACCESS_KEY}", "#{7*7}", "{{7*7}}", "<script>alert(1)</script>", "$(id)", "`id`",
            "a;rm -rf /", "a\u0000b", "%00", "\r\nX-Injected: 1", "{\"$gt\": \"\"}", "null", "undefined", "NaN",
            "*", "/", "\\");
    /** Letters outside ASCII, invisible and direction-changing characters, a combining mark, an emoji. */
    static final List<String> UNICODE = List.of("ägent", "агент", "エージェント", "\uD83E\uDD16-bot", "bot\u202e",
            "\u200bbot", "bot\uFEFF", "\uFF42\uFF4F\uFF54", "a\u0301", "\uD800");
    static final List<String> CONTROL = List.of("a\u0000b", "a\u0001b", "\u001b[2J", "a\u0008b", "a\u001fb");

    private final Targets targets;
    private final List<Probe> probes = new ArrayList<>();

    private BadInputCorpus(Targets targets) {
        this.targets = targets;
    }

    public static List<Probe> generate(Targets targets) {
        BadInputCorpus corpus = new BadInputCorpus(targets);
        for (Route route : RouteTable.ROUTES) {
            corpus.route(route, RouteInputs.of(route.function()));
        }
        corpus.methodsAndPaths();
        return List.copyOf(corpus.probes);
    }

    /** The valid request of {@code route} on {@code targets} with the admin key: what every probe departs from. */
    public static Probe baselineProbe(Route route, Targets targets) {
        BadInputCorpus corpus = new BadInputCorpus(targets);
        RouteInputs inputs = RouteInputs.of(route.function());
        return corpus.valid(route, inputs, corpus.path(route, Map.of()) + baselineQuery(inputs), true)
                .as("baseline", "valid");
    }

    String path(Route route, Map<String, String> rawSegments) {
        String path = route.pathTemplate();
        for (String name : route.pathParameters()) {
            String value = rawSegments.containsKey(name) ? rawSegments.get(name) : Http.segment(targetFor(name));
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String targetFor(String parameter) {
        return switch (parameter) {
            case "agentId" -> targets.agentId();
            case "keyId" -> targets.keyId();
            case "scanId" -> targets.scanId();
            case "revision" -> "1"; // every agent has its first revision
            case "linkId" -> RouteInputs.LINK_ID; // linked by linkIdentity's control, which runs first
            default -> throw new IllegalStateException("no target for path parameter {" + parameter + "}: add one to"
                    + " BadInputCorpus.Targets");
        };
    }

    private static String baselineQuery(RouteInputs inputs) {
        return inputs.query().isEmpty() ? "" : "?" + inputs.query().get(0).name() + "=" + validQueryValue(inputs.query().get(0));
    }

    private static String validQueryValue(QueryParam p) {
        return p.type() == RouteInputs.QueryType.INT ? String.valueOf(p.min()) : "";
    }

    /** A copy of the route's valid request with the admin key, to be changed in one place. */
    private Probe.Builder valid(Route route, RouteInputs inputs, String target, boolean withKey) {
        Probe.Builder b = Probe.to(route.function(), route.method(), target);
        if (withKey) {
            b.header("X-API-Key", Probe.ADMIN);
        }
        inputs.body().ifPresent(schema -> b.json(schema.baseline()));
        return b;
    }

    private void route(Route route, RouteInputs inputs) {
        String target = path(route, Map.of()) + baselineQuery(inputs);
        credentials(route, inputs, target);
        for (String parameter : route.pathParameters()) {
            pathParameter(route, inputs, parameter);
        }
        for (QueryParam parameter : inputs.query()) {
            queryParameter(route, inputs, parameter);
        }
        headers(route, inputs, target);
        inputs.body().ifPresent(schema -> body(route, inputs, target, schema));
        SplittableRandom random = new SplittableRandom(route.function().hashCode());
        for (String parameter : route.pathParameters()) {
            generatedIds(route, inputs, parameter, random);
        }
        for (QueryParam parameter : inputs.query()) {
            if (parameter.type() != RouteInputs.QueryType.OWNER_FILTER) {
                generatedQueryValues(route, parameter, random);
            }
        }
        inputs.body().ifPresent(schema -> generatedBodies(route, target, schema, random));
    }

    /** No number, status word, duration, timestamp, boolean or paging token holds any of these. */
    private static final String POISON = "'\"<>{}|\\^`";

    private void generatedQueryValues(Route route, QueryParam parameter, SplittableRandom random) {
        String base = path(route, Map.of());
        for (int i = 0; i < GENERATED_QUERY_VALUES; i++) {
            String value = randomText(random, 1 + random.nextInt(30));
            int at = random.nextInt(value.length() + 1);
            value = value.substring(0, at) + POISON.charAt(random.nextInt(POISON.length())) + value.substring(at);
            add(Probe.to(route.function(), route.method(), base + "?" + parameter.name() + "=" + Http.segment(value))
                    .header("X-API-Key", Probe.ADMIN), "generated: random " + parameter.name(), printable(value));
        }
    }

    private static String randomText(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < length; c++) {
            text.append(HOSTILE.charAt(random.nextInt(HOSTILE.length())));
        }
        return text.toString();
    }

    // ---- generated: every position of every body, random ids ---------------------------------------------------

    /** Bytes that are JSON nowhere: not whitespace between tokens, and never allowed raw inside a string. */
    private static final char[] NEVER_JSON = {'\u0000', '\u0001', '\u001b', '\u0007'};
    private static final String HOSTILE = "./\\%?#&=;:'\"`<>{}[]|*~!@$^()+,-_ aA0\u00e4\u0430\u30a8\u202e\u200b\ufeff";

    /**
     * The body cut at every position (no prefix of a JSON object is one) and a byte no JSON may hold put at every
     * position: whatever the parser, the route must refuse each with a 400, never answer it, and store nothing.
     */
    private void generatedBodies(Route route, String target, BodySchema schema, SplittableRandom random) {
        String base = schema.baseline();
        for (int cut = 1; cut < base.length(); cut++) {
            add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                    .json(base.substring(0, cut)), "generated: truncated body", "cut at " + cut);
        }
        for (int at = 0; at <= base.length(); at++) {
            char bad = NEVER_JSON[random.nextInt(NEVER_JSON.length)];
            add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                    .json(base.substring(0, at) + bad + base.substring(at)), "generated: control byte in the body",
                    String.format("U+%04X at %d", (int) bad, at));
        }
    }

    /** Random ids from characters that mean something to paths, queries, shells and SQL: none names an object. */
    private void generatedIds(Route route, RouteInputs inputs, String parameter, SplittableRandom random) {
        String query = baselineQuery(inputs);
        for (int i = 0; i < GENERATED_IDS; i++) {
            String id = randomText(random, 1 + random.nextInt(i % 10 == 0 ? 300 : 40));
            add(valid(route, inputs, path(route, Map.of(parameter, Http.segment(id))) + query, true),
                    "generated: random " + parameter, printable(id));
        }
    }

    // ---- credentials -------------------------------------------------------------------------------------------

    private void credentials(Route route, RouteInputs inputs, String target) {
        add(valid(route, inputs, target, false), "credentials", "no X-API-Key, no Authorization");
        List<String[]> keys = List.of(
                new String[]{"", "empty X-API-Key"},
                new String[]{"   ", "blank X-API-Key"},
                new String[]{"not-a-key", "malformed key"},
                new String[]{"alk_" + "A".repeat(43), "well-formed unknown key"},
                new String[]{"alk_" + "A".repeat(129), "key too long for the format"},
                new String[]{"' OR 1=1 --", "SQL injection as key"},
                new String[]{"${jndi:ldap://127.0.0.1:1389/a}", "JNDI lookup as key"},
                new String[]{"x".repeat(8192), "8 KB key"},
                new String[]{"../../etc/passwd", "path traversal as key"});
        for (String[] k : keys) {
            add(valid(route, inputs, target, false).header("X-API-Key", k[0]), "credentials", k[1]);
        }
        String noneJwt = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"admin\",\"upn\":\"admin\","
                + "\"groups\":[\"ADMIN\"],\"iss\":\"https://sso.yourdomain.com\",\"aud\":\"agent-launchpad\","
                + "\"exp\":4102444800}") + ".";
        List<String[]> authorizations = List.of(
                new String[]{"Bearer", "Bearer without a token"},
                new String[]{"Bearer garbage", "Bearer garbage"},
                new String[]{"Bearer " + noneJwt, "unsigned JWT (alg none) claiming ADMIN"},
                new String[]{"Basic YWRtaW46YWRtaW4=", "Basic credentials"},
                new String[]{"Bearer " + Probe.ADMIN, "an API key as a Bearer token"});
        for (String[] a : authorizations) {
            add(valid(route, inputs, target, false).header("Authorization", a[0]), "credentials", a[1]);
        }
        String sep = target.contains("?") ? "&" : "?";
        add(valid(route, inputs, target + sep + "api_key=" + Probe.ADMIN, false), "credentials", "key in the query string only");
        add(valid(route, inputs, target, false).header("X-API-Key", "not-a-key").header("X-API-Key", Probe.ADMIN),
                "duplicate headers", "two X-API-Key: malformed, then the admin key");
        add(valid(route, inputs, target, false).header("X-API-Key", Probe.ADMIN).header("X-API-Key", "not-a-key"),
                "duplicate headers", "two X-API-Key: the admin key, then malformed");
        add(valid(route, inputs, target, false).header("X-API-Key", Probe.USER + "," + Probe.ADMIN),
                "duplicate headers", "two keys in one X-API-Key value");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- path parameters ---------------------------------------------------------------------------------------

    private void pathParameter(Route route, RouteInputs inputs, String parameter) {
        String query = baselineQuery(inputs);
        Set<String> values = new LinkedHashSet<>();
        values.addAll(INJECTIONS);
        values.addAll(UNICODE);
        values.addAll(List.of(" ", "AGENT-ABC", "agent-", "agent-" + "a".repeat(200), "x".repeat(5000),
                "key_", "key_XYZ", "scan-", "scan-!!!", targetFor(parameter) + "\u0000"));
        for (String value : values) {
            if (value.equals(targetFor(parameter))) {
                continue;
            }
            add(valid(route, inputs, path(route, Map.of(parameter, Http.segment(value))) + query, true),
                    "path " + parameter, "encoded " + printable(value));
        }
        // Left as written in the request target: traversal the gateway must not resolve into another route.
        for (String raw : List.of("..", "%2e%2e", "%2E%2E%2F..%2Fhealth", "..%2f..%2fhealth", "%252e%252e",
                "%00", targetFor(parameter) + "%00", targetFor(parameter) + "%0d%0aX-Injected:%201",
                Http.segment(targetFor(parameter)) + "%2f..%2f..", "%C0%AE%C0%AE", "%E2%80%AE")) {
            add(valid(route, inputs, path(route, Map.of(parameter, raw)) + query, true), "path " + parameter,
                    "raw " + raw);
        }
        // What no URI class accepts: a broken percent escape. Sent over a plain socket.
        for (String raw : List.of("%", "%zz", "agent-%g0", "%u2215")) {
            // without a body: the server answers on the request line and closes, and an unread body turns that
            // close into a reset that loses the answer
            add(Probe.to(route.function(), route.method(), path(route, Map.of(parameter, raw)) + query)
                    .header("X-API-Key", Probe.ADMIN).raw(), MALFORMED_ESCAPE, parameter + " " + raw);
        }
        String missing = switch (parameter) {
            case "agentId" -> "agent-doesnotexist0";
            case "keyId" -> "key_00000000deadbeef";
            case "revision" -> "999999";
            case "linkId" -> "link-" + "0".repeat(32);
            default -> "scan-" + b64("agent-doesnotexist0|elizaos/agent|sha256:" + "0".repeat(64));
        };
        add(valid(route, inputs, path(route, Map.of(parameter, missing)) + query, true), "path " + parameter,
                "well-formed, not there");
    }

    // ---- query parameters --------------------------------------------------------------------------------------

    private void queryParameter(Route route, RouteInputs inputs, QueryParam p) {
        String base = path(route, Map.of());
        List<String> values = new ArrayList<>();
        String credential = Probe.ADMIN;
        switch (p.type()) {
            case INT -> values.addAll(List.of("abc", String.valueOf(p.min() - 1), String.valueOf(p.max() + 1),
                    "1.5", "1e3", "2147483648", "-2147483649", "99999999999999999999", "0x10", "one", "NaN",
                    "' OR 1=1", "%00", "${jndi:ldap://127.0.0.1:1389/a}"));
            case ENUM -> values.addAll(List.of("BOGUS", "running", "' OR 1=1", "${jndi:ldap://127.0.0.1:1389/a}",
                    "%00", "DEPLOYED,FAILED", "*", "ägent", "../../etc"));
            case SINCE -> values.addAll(List.of("yesterday", "-5m", "0s", "5w", "1h30m", "1e3s", "9999999999s",
                    "2999-01-01T00:00:00Z", "2024-13-45T99:99:99Z", "2024-01-15", "' OR 1=1", "%00",
                    "${jndi:ldap://127.0.0.1:1389/a}"));
            case BOOL -> values.addAll(List.of("yes", "1", "0", "TRUE ", "maybe", "' OR 1=1", "%00", "null"));
            case TOKEN -> values.addAll(List.of("garbage", "!!!", "%00", "' OR 1=1", "x".repeat(4000),
                    b64("{}"), b64("[]"), b64("{\"k\":null,\"p\":0}"), b64("{\"k\":{},\"p\":-1,\"f\":\"|\"}"),
                    b64("{\"k\":{\"agentId\":\"x\"},\"p\":0,\"f\":\"other|\"}"),
                    b64("{\"k\":{\"agentId\":{\"S\":\"x\"}},\"p\":0,\"f\":\"|\"}"),
                    b64("{\"k\":{\"owner\":\"' OR 1=1\",\"eventKey\":\"x\"},\"f\":\"nope\"}"),
                    // forged security-events tokens with the admin's own filter: a key of no day, another day's key
                    b64("{\"k\":{\"owner\":\"user-000000000000\",\"eventKey\":\"x\"},\"f\":\"*||\"}"),
                    b64("{\"k\":{\"owner\":\"user-000000000000\",\"eventKey\":\"2026-01-02T00:00:00Z#event-0\","
                            + "\"day\":\"1999-01-01\"},\"f\":\"*||\"}"),
                    b64("not json at all"), "YWJj====", "${jndi:ldap://127.0.0.1:1389/a}"));
            case USER_ID -> {
                Set<String> bad = new LinkedHashSet<>(INJECTIONS);
                bad.addAll(UNICODE);
                bad.addAll(CONTROL);
                bad.addAll(List.of("", " ", "has space", "a/b", "a+b", "u".repeat(65)));
                bad.removeIf(v -> RouteInputs.USER_ID.matcher(v).matches());
                values.addAll(bad);
            }
            case WAIT_STATES -> values.addAll(List.of("BOGUS", "DEPLOYED,", ",", "DEPLOYED;FAILED", "deployed-ish",
                    "*", "' OR 1=1", "%00", "${jndi:ldap://127.0.0.1:1389/a}", "DEPLOYED".repeat(500)));
            case WAIT_TIMEOUT -> values.addAll(List.of("26s", "0s", "0", "-1s", "soon", "1.5s", "20 s", "1e3",
                    "PT20S", "99999999999", "25001ms", "20m", "' OR 1=1", "%00", "${jndi:ldap://127.0.0.1:1389/a}"));
            case OWNER_FILTER -> {
                // an admin may filter by any owner (an unknown or empty one lists nothing): the bad input is a
                // filter from a caller who is not an admin
                for (String v : List.of("user-000000000000", "' OR 1=1", "../../etc")) {
                    add(Probe.to(route.function(), route.method(), base + "?" + p.name() + "=" + Http.segment(v))
                            .header("X-API-Key", Probe.USER), "query " + p.name(), "as a non-admin: " + printable(v));
                }
            }
        }
        // a timeout is read only with the states to wait for: each bad one is sent beside a good waitFor
        String with = p.type() == RouteInputs.QueryType.WAIT_TIMEOUT ? "waitFor=DEPLOYED&" : "";
        for (String value : values) {
            String encoded = value.equals("%00") ? "%00" : Http.segment(value);
            add(Probe.to(route.function(), route.method(), base + "?" + with + p.name() + "=" + encoded)
                    .header("X-API-Key", credential), "query " + p.name(), printable(value));
        }
        String once = p.type() == RouteInputs.QueryType.INT ? String.valueOf(p.min()) : "x";
        add(Probe.to(route.function(), route.method(), base + "?" + with + p.name() + "=" + once + "&" + p.name() + "=" + once)
                .header("X-API-Key", credential), "query " + p.name(), "given twice");
    }

    // ---- headers -----------------------------------------------------------------------------------------------

    private void headers(Route route, RouteInputs inputs, String target) {
        if (inputs.body().isPresent()) {
            String body = inputs.body().get().baseline();
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/jsonp", "application/json-patch+json",
                    "text/json", "json", "*/*")) {
                add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                        .header("Content-Type", type).body(body.getBytes(StandardCharsets.UTF_8)),
                        "Content-Type", "valid body as " + type);
            }
            add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                    .body(body.substring(0, body.length() / 2).getBytes(StandardCharsets.UTF_8)),
                    "Content-Type", "missing, with a truncated body");
            add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                    .header("Content-Type", "application/json"), "body", "no body at all");
        }
        if (inputs.idempotencyKey()) {
            for (String[] k : List.of(new String[]{"k".repeat(256), "256 characters"},
                    new String[]{"k".repeat(10_000), "10,000 characters"}, new String[]{"two words", "a space"},
                    new String[]{"", "empty"}, new String[]{"ключ", "non-ASCII"}, new String[]{"a/b", "a slash"},
                    new String[]{"' OR 1=1", "SQL injection"}, new String[]{"${jndi:ldap://127.0.0.1:1389/a}", "JNDI"})) {
                add(valid(route, inputs, target, true).header("Idempotency-Key", k[0]), "Idempotency-Key", k[1]);
            }
        }
        if (inputs.ifMatch()) {
            for (String v : List.of("garbage", "\"999999\"", "-1", "W/\"999\"", "1.5", "0x1", "\"\"",
                    "' OR 1=1", "99999999999999999999")) {
                add(valid(route, inputs, target, true).header("If-Match", v), "If-Match", printable(v));
            }
        }
    }

    // ---- body --------------------------------------------------------------------------------------------------

    private void body(Route route, RouteInputs inputs, String target, BodySchema schema) {
        String base = schema.baseline();
        Function<String, Probe.Builder> json = text -> Probe.to(route.function(), route.method(), target)
                .header("X-API-Key", Probe.ADMIN).json(text);
        for (int cut : new int[]{1, base.length() / 4, base.length() / 2, base.length() * 3 / 4, base.length() - 1}) {
            add(json.apply(base.substring(0, cut)), "malformed JSON", "truncated at " + cut + " of " + base.length());
        }
        String[][] malformed = {
                {"{", "lone brace"}, {"}", "closing brace"}, {"{\"a\":}", "missing value"},
                {base.substring(0, base.length() - 1) + ",}", "trailing comma"},
                {base.replace('"', '\''), "single quotes"}, {"{agentName: \"x\"}", "unquoted key"},
                {"{\"replicas\": NaN}", "NaN"}, {"{\"replicas\": 1} // comment", "comment"},
                {"{\"a\": 1}{\"b\": 2}", "two documents"}, {"[]", "an array"}, {"\"text\"", "a string"},
                {"123", "a number"}, {"null", "null"}, {"true", "true"}, {"   ", "whitespace only"},
                {"\uFEFF{", "byte order mark and a brace"}, {"{\"a\":\"\\x41\"}", "bad escape"},
                {"{\"a\":\"\\u12\"}", "short unicode escape"}, {"{\"a\":\"line\nbreak\"}", "raw newline in a string"},
                {duplicateFirstKey(base), "duplicate key"}, {base + " {\"b\": 2}", "a second document after it"},
                {base + " trailing", "text after it"}, {base + "]", "a stray bracket after it"}};
        for (String[] m : malformed) {
            add(json.apply(m[0]), "malformed JSON", m[1]);
        }
        // Bytes that are not UTF-8, inside an otherwise valid body.
        byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
        int quote = base.indexOf(":") + base.substring(base.indexOf(":")).indexOf('"') + 1;
        ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
        notUtf8.write(bytes, 0, quote);
        notUtf8.writeBytes(new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc3});
        notUtf8.write(bytes, quote, bytes.length - quote);
        add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                .header("Content-Type", "application/json").body(notUtf8.toByteArray()), "unicode", "bytes that are not UTF-8");
        add(Probe.to(route.function(), route.method(), target).header("X-API-Key", Probe.ADMIN)
                .header("Content-Type", "application/json").body(base.getBytes(StandardCharsets.UTF_16)), "unicode",
                "the body in UTF-16");

        // Size: over the function's limit (valid JSON otherwise), then over the gateway's 10 MB.
        add(json.apply(padded(base, FUNCTION_LIMIT + 1)), "huge body", "just over the function limit ("
                + (FUNCTION_LIMIT + 1) + " bytes)");
        add(json.apply(padded(base, GATEWAY_LIMIT + 1)), "huge body", "just over 10 MB (" + (GATEWAY_LIMIT + 1) + " bytes)");
        add(json.apply(padded(base, GATEWAY_LIMIT + 65_536)), "huge body", "10 MB + 64 KB");
        // Nesting: past the parser's depth limit, just under it, and an object chain.
        add(json.apply("{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"), "deep nesting", "100,000 arrays");
        add(json.apply("[".repeat(FUNCTION_LIMIT / 2 - 10)), "deep nesting", "unclosed arrays to the size limit");
        add(json.apply("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)), "deep nesting", "20,000 objects");
        add(json.apply(base.substring(0, base.length() - 1) + ",\"zz\":" + "[".repeat(900) + "]".repeat(900) + "}"),
                "deep nesting", "900 arrays under an unknown field");

        ObjectNode node = schema.baselineNode();
        add(json.apply(with(node, List.of("zzUnknownField"), IntNode.valueOf(1)).toString()), "fields", "unknown top-level field");
        if (schema == RouteInputs.UPDATE_AGENT) {
            add(json.apply("{}"), "fields", "empty update");
        }
        if (schema == RouteInputs.UPDATE_PROFILE) {
            for (String fixed : RouteInputs.PROFILE_FIXED) {
                add(json.apply(with(node, List.of(fixed), TextNode.valueOf("ADMIN")).toString()), "fields",
                        fixed + " in the profile");
            }
        }
        for (Field field : schema.fields()) {
            field(json, node, List.of(), field);
        }
    }

    private void field(Function<String, Probe.Builder> json, ObjectNode base, List<String> parent, Field field) {
        List<String> path = new ArrayList<>(parent);
        path.add(field.name());
        String where = String.join(".", path);
        String category = "field " + where;
        if (field.type() == BodySchema.Type.FORBIDDEN) {
            add(json.apply(with(base, path, TextNode.valueOf("rel-bot")).toString()), category, "present");
            return;
        }
        if (field.required()) {
            // where the baseline has no parent object (telegram, twitter), the parent is sent empty
            ObjectNode missing = base.at("/" + String.join("/", parent)).isObject() || parent.isEmpty()
                    ? without(base, path) : with(base, parent, Json.MAPPER.createObjectNode());
            add(json.apply(missing.toString()), category, "missing");
        }
        for (JsonNode wrong : wrongTypes(field)) {
            add(json.apply(with(base, path, wrong).toString()), category, "wrong type " + abbreviate(wrong));
        }
        switch (field.type()) {
            case TEXT -> {
                for (String c : CONTROL) {
                    add(json.apply(with(base, path, TextNode.valueOf(c)).toString()), category, "control " + printable(c));
                }
                add(json.apply(with(base, path, TextNode.valueOf("a".repeat(field.maxLength() + 1))).toString()),
                        category, "too long (" + (field.maxLength() + 1) + ")");
                add(json.apply(with(base, path, TextNode.valueOf("a\uD800b")).toString()), category, "unpaired surrogate");
                if (field.required()) {
                    add(json.apply(with(base, path, TextNode.valueOf("")).toString()), category, "empty");
                    add(json.apply(with(base, path, TextNode.valueOf("  \t ")).toString()), category, "blank");
                }
            }
            case PATTERN -> {
                Set<String> bad = new LinkedHashSet<>(field.badValues());
                bad.addAll(INJECTIONS);
                bad.addAll(UNICODE);
                bad.addAll(CONTROL);
                bad.add("");
                bad.add(" ");
                bad.add("a".repeat(field.maxLength() + 1));
                for (String value : bad) {
                    if (field.valid().test(value) && value.length() <= field.maxLength() && !value.isEmpty()) {
                        continue; // a valid value: not bad input for this field
                    }
                    add(json.apply(with(base, path, TextNode.valueOf(value)).toString()), category, printable(value));
                }
            }
            case STRINGS -> {
                ArrayNode tooMany = Json.MAPPER.createArrayNode();
                for (int i = 0; i <= field.max(); i++) {
                    tooMany.add("item" + i);
                }
                add(json.apply(with(base, path, tooMany).toString()), category, (field.max() + 1) + " items");
                for (JsonNode item : List.of(IntNode.valueOf(7), NullNode.getInstance(), BooleanNode.TRUE,
                        Json.MAPPER.createObjectNode().put("k", "v"), Json.MAPPER.createArrayNode().add("x"),
                        TextNode.valueOf(""), TextNode.valueOf("a".repeat(field.maxLength() + 1)))) {
                    add(json.apply(with(base, path, Json.MAPPER.createArrayNode().add(item)).toString()), category,
                            "item " + abbreviate(item));
                }
                for (String c : CONTROL) {
                    add(json.apply(with(base, path, Json.MAPPER.createArrayNode().add(c)).toString()), category,
                            "item control " + printable(c));
                }
                if (field.required()) {
                    add(json.apply(with(base, path, Json.MAPPER.createArrayNode()).toString()), category, "empty list");
                }
                Set<String> bad = new LinkedHashSet<>(INJECTIONS);
                bad.addAll(UNICODE);
                for (String value : bad) {
                    if (!field.valid().test(value)) {
                        add(json.apply(with(base, path, Json.MAPPER.createArrayNode().add(value)).toString()),
                                category, "item " + printable(value));
                    }
                }
            }
            case INT -> {
                List<JsonNode> bad = List.of(IntNode.valueOf(field.min() - 1), IntNode.valueOf(field.max() + 1),
                        DoubleNode.valueOf(2.5), DoubleNode.valueOf(1.0), TextNode.valueOf(String.valueOf(field.min())),
                        LongNode.valueOf(2_147_483_648L), LongNode.valueOf(-2_147_483_649L),
                        DecimalNode.valueOf(new BigDecimal("1e400")), IntNode.valueOf(Integer.MIN_VALUE));
                for (JsonNode value : bad) {
                    add(json.apply(with(base, path, value).toString()), category, abbreviate(value));
                }
            }
            case BOOL -> {
                for (JsonNode value : List.of(TextNode.valueOf("true"), IntNode.valueOf(1), IntNode.valueOf(0))) {
                    add(json.apply(with(base, path, value).toString()), category, abbreviate(value));
                }
            }
            case OBJECT -> {
                List<String> unknown = new ArrayList<>(path);
                unknown.add("zzUnknownField");
                add(json.apply(with(base, unknown, IntNode.valueOf(1)).toString()), category, "unknown field inside");
                for (Field child : field.children()) {
                    field(json, base, path, child);
                }
            }
            default -> {
            }
        }
    }

    /** Values of every JSON type the field does not take. */
    static List<JsonNode> wrongTypes(Field field) {
        List<JsonNode> wrong = new ArrayList<>();
        boolean string = field.type() == BodySchema.Type.TEXT || field.type() == BodySchema.Type.PATTERN
                || (field.type() == BodySchema.Type.STRINGS && field.acceptSingle());
        if (!string) {
            wrong.add(TextNode.valueOf("wrong-type"));
        }
        if (field.type() != BodySchema.Type.INT) {
            wrong.add(IntNode.valueOf(7));
        }
        wrong.add(DoubleNode.valueOf(2.5));
        if (field.type() != BodySchema.Type.BOOL) {
            wrong.add(BooleanNode.TRUE);
        }
        if (field.type() != BodySchema.Type.OBJECT) {
            wrong.add(Json.MAPPER.createObjectNode().put("k", "v"));
        }
        if (field.type() != BodySchema.Type.STRINGS) {
            wrong.add(Json.MAPPER.createArrayNode().add("x"));
        }
        if (!field.nullable()) {
            wrong.add(NullNode.getInstance());
        }
        return wrong;
    }

    // ---- methods and paths no route has ------------------------------------------------------------------------

    private void methodsAndPaths() {
        Map<String, Set<String>> methods = new java.util.LinkedHashMap<>();
        for (Route r : RouteTable.ROUTES) {
            methods.computeIfAbsent(r.pathTemplate(), k -> new LinkedHashSet<>()).add(r.method());
        }
        for (Map.Entry<String, Set<String>> e : methods.entrySet()) {
            Route any = RouteTable.ROUTES.stream().filter(r -> r.pathTemplate().equals(e.getKey())).findFirst().orElseThrow();
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                if (!e.getValue().contains(method)) {
                    add(Probe.to(any.function(), method, path(any, Map.of())).header("X-API-Key", Probe.ADMIN),
                            "method", method + " (no route)");
                }
            }
        }
        for (String path : List.of("/api", "/api/", "/api/agents/", "/api/agents//status", "/api/agent",
                "/api/agents/" + Http.segment(targets.agentId()) + "/unknown", "/API/AGENTS", "/api/agents/../../etc/passwd",
                "/api/%2e%2e/%2e%2e/etc/passwd", "/", "/actuator/env", "/.env")) {
            add(Probe.to("(none)", "GET", path).header("X-API-Key", Probe.ADMIN), "unknown path", path);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void add(Probe.Builder builder, String category, String label) {
        probes.add(builder.as(category, label));
    }

    static ObjectNode with(ObjectNode base, List<String> path, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        ObjectNode at = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = at.get(path.get(i));
            if (next == null || !next.isObject()) {
                next = Json.MAPPER.createObjectNode();
                at.set(path.get(i), next);
            }
            at = (ObjectNode) next;
        }
        at.set(path.get(path.size() - 1), value);
        return copy;
    }

    static ObjectNode without(ObjectNode base, List<String> path) {
        ObjectNode copy = base.deepCopy();
        JsonNode at = copy;
        for (int i = 0; i < path.size() - 1 && at != null; i++) {
            at = at.get(path.get(i));
        }
        if (at instanceof ObjectNode object) {
            object.remove(path.get(path.size() - 1));
        }
        return copy;
    }

    /** The baseline with its description (or first string field) padded so the whole body is {@code size} bytes. */
    static String padded(String base, int size) {
        int at = base.indexOf("\"", base.indexOf(":") + 1) + 1;
        int fill = size - base.getBytes(StandardCharsets.UTF_8).length;
        if (at <= 0 || fill <= 0) {
            return base + " ".repeat(Math.max(0, fill));
        }
        return base.substring(0, at) + "p".repeat(fill) + base.substring(at);
    }

    private static String duplicateFirstKey(String base) {
        int colon = base.indexOf(':');
        int comma = base.indexOf(',');
        if (comma < 0) {
            comma = base.lastIndexOf('}');
            String first = base.substring(1, comma).trim();
            return "{" + first + ", " + first + "}";
        }
        String first = base.substring(1, comma).trim();
        return "{" + first + ", " + base.substring(1).trim();
    }

    static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 37) + "..." : value;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return "'" + out + "'";
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
