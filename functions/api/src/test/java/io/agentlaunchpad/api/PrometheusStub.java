package io.agentlaunchpad.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Prometheus's instant-query API ({@code GET /api/v1/query}) on a free port: a query answers a vector of one sample
 * with the value given, or an empty vector. Of two stubs that match a query, the one given last answers.
 */
final class PrometheusStub implements AutoCloseable {

    private static final String QUERY = "/api/v1/query";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    private PrometheusStub() {
        server.start();
    }

    static PrometheusStub start() {
        return new PrometheusStub();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Every query answers {@code value} (null: nothing). */
    void answerEvery(String value) {
        server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(vector(value)));
    }

    /** The queries that match answer {@code value} (null: nothing). */
    void answer(StringValuePattern query, String value) {
        server.stubFor(query(query).willReturn(vector(value)));
    }

    /** Every query fails with this HTTP status. */
    void failEvery(int status) {
        server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(status)));
    }

    private static MappingBuilder query(StringValuePattern query) {
        return get(urlPathEqualTo(QUERY)).withQueryParam("query", query);
    }

    private static ResponseDefinitionBuilder vector(String value) {
        String result = value == null ? "[]" : "[{\"metric\":{},\"value\":[1705325100.0,\"" + value + "\"]}]";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
