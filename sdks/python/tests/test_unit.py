"""The SDK against a peer server started here: asserts on what the SDK sends and how it reads the answers."""

import time
import unittest

import agent_launchpad as sdk
from agent_launchpad import AgentLaunchpadClient

from .peer import PeerTestCase, api_error

CREATED = {"status": 202, "body": {"agentId": "agent-1", "status": "QUEUED", "createdAt": "2024-01-15T10:30:00Z"}}


class UnitTest(PeerTestCase):
    def test_create_sends_camel_case_json_the_key_and_an_idempotency_key(self):
        self.peer.answer(CREATED)
        agent = self.client.agents.create(agent_name="my-bot", description="My AI bot",
                                          selected_plugins=["@elizaos/plugin-discord"],
                                          platforms={"discord": {"token": "t", "application_id": "a"}})

        self.assertEqual(agent["agentId"], "agent-1")
        self.assertEqual(agent.status, 202)
        req = self.peer.requests[0]
        self.assertEqual((req["method"], req["path"]), ("POST", "/api/agents"))
        self.assertEqual(req["headers"]["x-api-key"], "alk_test")
        self.assertEqual(req["headers"]["content-type"], "application/json")
        self.assertRegex(req["headers"]["idempotency-key"], r"^[0-9a-f-]{36}$")
        self.assertEqual(req["body"], {"agentName": "my-bot", "description": "My AI bot",
                                       "selectedPlugins": ["@elizaos/plugin-discord"],
                                       "platforms": {"discord": {"token": "t", "applicationId": "a"}}})

    def test_a_create_retried_after_503_reuses_its_key_and_honours_retry_after(self):
        self.peer.answer(api_error(503, "SERVICE_UNAVAILABLE", headers={"Retry-After": "1"}), CREATED)
        agent = self.client.agents.create(agent_name="a")

        self.assertEqual(agent["agentId"], "agent-1")
        first, second = self.peer.requests
        self.assertEqual(first["headers"]["idempotency-key"], second["headers"]["idempotency-key"])
        self.assertGreaterEqual(second["at"] - first["at"], 0.95)

    def test_two_creates_get_two_keys_and_a_chosen_key_is_sent_as_is(self):
        self.peer.answer(CREATED, CREATED)
        self.client.agents.create(agent_name="a")
        self.client.agents.create(agent_name="a", idempotency_key="mine-1")
        keys = [r["headers"]["idempotency-key"] for r in self.peer.requests]
        self.assertNotEqual(keys[0], keys[1])
        self.assertEqual(keys[1], "mine-1")

    def test_429_waits_until_the_rate_limit_window_resets(self):
        reset = int(time.time()) + 1
        self.peer.answer(api_error(429, "RESOURCE_LIMIT_EXCEEDED", headers={
            "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)}),
            {"body": {"agentId": "a", "status": "DEPLOYED"}})
        started = time.time()
        self.assertEqual(self.client.agents.get_status("a")["status"], "DEPLOYED")
        self.assertGreaterEqual(time.time(), reset - 0.05, f"retried {reset - time.time():.2f} s early")
        self.assertLess(time.time() - started, 3)

    def test_non_idempotent_posts_are_not_retried(self):
        self.peer.answer(api_error(503, "SERVICE_UNAVAILABLE"))
        with self.assertRaises(sdk.ServerError):
            self.client.agents.restart("a")
        self.assertEqual(len(self.peer.requests), 1)
        self.assertNotIn("idempotency-key", self.peer.requests[0]["headers"])

    def test_retries_stop_after_max_retries(self):
        err = self.server_error_after_retries(api_error(500, "INTERNAL_ERROR"), 2, lambda c: c.agents.get("a"))
        self.assertEqual(err.code, "INTERNAL_ERROR")
        self.assertEqual(len(self.peer.requests), 3)

    def test_errors_carry_code_status_request_id_and_details(self):
        details = [{"field": "resources.memory", "message": "must be a Kubernetes memory quantity"}]
        self.peer.answer(api_error(400, "VALIDATION_ERROR", details=details))
        with self.assertRaises(sdk.ValidationError) as caught:
            self.client.agents.create(agent_name="a")
        err = caught.exception
        self.assertIsInstance(err, sdk.AgentLaunchpadError)
        self.assertEqual((err.code, err.status, err.details), ("VALIDATION_ERROR", 400, details))
        self.assertEqual(err.request_id, err.headers["x-request-id"])
        self.assertEqual(len(self.peer.requests), 1, "4xx is not retried")

    def test_each_status_maps_to_its_exception(self):
        cases = [(401, "INVALID_API_KEY", sdk.AuthenticationError), (403, "INSUFFICIENT_PERMISSIONS",
                 sdk.PermissionDeniedError), (404, "AGENT_NOT_FOUND", sdk.NotFoundError),
                 (409, "CONFLICT", sdk.ConflictError), (422, "SECURITY_SCAN_FAILED", sdk.AgentLaunchpadError)]
        for status, code, cls in cases:
            self.peer.answer(api_error(status, code))
            with self.assertRaises(cls) as caught:
                self.client.agents.scale("a", 2)
            self.assertEqual(caught.exception.code, code)

    def test_writes_send_if_match_quoted(self):
        self.peer.fallback = lambda req: {"status": 202, "body": {"agentId": "a", "status": "UPDATING"}}
        self.client.agents.update("a", description="d", if_match=3)
        self.client.agents.scale("a", 2, if_match='"4"')
        self.client.agents.restart("a", if_match=5)
        self.client.agents.delete("a")
        self.assertEqual([(r["method"], r["path"], r["headers"].get("if-match")) for r in self.peer.requests], [
            ("PUT", "/api/agents/a", '"3"'), ("POST", "/api/agents/a/scale", '"4"'),
            ("POST", "/api/agents/a/restart", '"5"'), ("DELETE", "/api/agents/a", None)])
        self.assertEqual(self.peer.requests[0]["body"], {"description": "d"})
        self.assertEqual(self.peer.requests[1]["body"], {"replicas": 2})

    def test_revisions_are_paged_read_one_by_one_and_rolled_back_with_if_match(self):
        self.peer.answer({"body": {"agentId": "a", "currentRevision": 3, "revisions": [{"revision": 3}, {"revision": 2}],
                                   "limit": 2, "nextToken": "t2"}},
                         {"body": {"agentId": "a", "currentRevision": 3, "revisions": [{"revision": 1}], "limit": 2}},
                         {"body": {"agentId": "a", "revision": 1, "spec": {"name": "n"}}},
                         {"status": 202, "body": {"agentId": "a", "status": "UPDATING"}})
        seen = [r["revision"] for r in self.client.agents.list_revisions("a", limit=2).items()]
        one = self.client.agents.get_revision("a", 1)
        rolled = self.client.agents.rollback("a", 1, if_match=7)
        self.assertEqual(seen, [3, 2, 1])
        self.assertEqual(one["revision"], 1)
        self.assertEqual(rolled["status"], "UPDATING")
        self.assertEqual([(r["method"], r["path"], r["query"], r["headers"].get("if-match"))
                          for r in self.peer.requests], [
            ("GET", "/api/agents/a/revisions", {"limit": "2"}, None),
            ("GET", "/api/agents/a/revisions", {"limit": "2", "nextToken": "t2"}, None),
            ("GET", "/api/agents/a/revisions/1", {}, None),
            ("POST", "/api/agents/a/rollback", {}, '"7"')])
        self.assertEqual(self.peer.requests[3]["body"], {"revision": 1})

    def test_list_iterates_pages_by_next_token_keeping_the_filters(self):
        self.peer.answer({"body": {"agents": [{"agentId": "a1"}, {"agentId": "a2"}], "total": 3, "limit": 2,
                                   "offset": 0, "nextToken": "t1"}},
                         {"body": {"agents": [{"agentId": "a3"}], "total": 3, "limit": 2, "offset": 2}})
        ids = [a["agentId"] for a in self.client.agents.list(limit=2, status="DEPLOYED").items()]
        self.assertEqual(ids, ["a1", "a2", "a3"])
        self.assertEqual([r["query"] for r in self.peer.requests], [
            {"limit": "2", "status": "DEPLOYED"}, {"limit": "2", "status": "DEPLOYED", "nextToken": "t1"}])

    def test_indexing_a_listing_reads_the_first_page_only(self):
        self.peer.answer({"body": {"agents": [{"agentId": "a1"}], "total": 2, "limit": 1, "offset": 0,
                                   "nextToken": "t1"}})
        pages = self.client.agents.list(limit=1)
        self.assertEqual(pages["total"], 2)
        self.assertEqual(pages["agents"][0]["agentId"], "a1")
        self.assertEqual(len(self.peer.requests), 1)

    def test_logs_follow_iterates_lines_across_long_polls(self):
        def line(m):
            return {"timestamp": "2024-01-15T13:20:00Z", "level": "INFO", "message": m}
        cursor = sdk.LOG_CURSOR
        self.peer.answer({"body": {"logs": [line("one"), line("two")], "totalLines": 2, "truncated": False,
                                   cursor: "c1"}},
                         {"body": {"logs": [], "totalLines": 0, "truncated": False, cursor: "c2"}},
                         {"body": {"logs": [line("three")], "totalLines": 1, "truncated": False}})
        seen = [e["message"] for e in self.client.agents.logs("a", follow=True, lines=50, since="1h")]
        self.assertEqual(seen, ["one", "two", "three"])
        self.assertEqual([r["query"] for r in self.peer.requests], [
            {"lines": "50", "since": "1h", "follow": "true"}, {"lines": "50", "follow": "true", cursor: "c1"},
            {"lines": "50", "follow": "true", cursor: "c2"}])

    def test_logs_without_follow_is_one_call(self):
        self.peer.answer({"body": {"agentId": "a", "logs": [], "totalLines": 0, "truncated": False}})
        self.assertEqual(self.client.agents.logs("a", lines=10)["totalLines"], 0)
        self.assertEqual(self.peer.requests[0]["query"], {"lines": "10"})

    def test_a_per_call_timeout_raises_api_timeout_error(self):
        self.peer.answer({"hang": 1.5})
        started = time.monotonic()
        with self.assertRaises(sdk.ApiTimeoutError):
            self.client.agents.get("a", timeout=0.2)
        self.assertLess(time.monotonic() - started, 1.0)

    def test_wait_until_deployed_reports_progress(self):
        self.peer.answer({"body": {"agentId": "a", "status": "QUEUED"}},
                         {"body": {"agentId": "a", "status": "DEPLOYING"}},
                         {"body": {"agentId": "a", "status": "DEPLOYED", "url": "https://a.agents"}})
        seen = []
        status = self.client.agents.wait_until_deployed("a", interval=0.01,
                                                         on_progress=lambda s: seen.append(s["status"]))
        self.assertEqual(status["url"], "https://a.agents")
        self.assertEqual(seen, ["QUEUED", "DEPLOYING", "DEPLOYED"])

    def test_wait_until_deployed_asks_the_api_to_hold_the_answer_until_deployed(self):
        self.peer.answer({"body": {"agentId": "a", "status": "DEPLOYED"}})
        self.client.agents.wait_until_deployed("a")
        self.assertEqual(self.peer.requests[0]["path"], "/api/agents/a/status")
        self.assertEqual(self.peer.requests[0]["query"], {"waitFor": "DEPLOYED", "timeout": "20s"})

    def test_wait_until_deployed_reports_each_new_timeline_entry_of_the_rollout_once_oldest_first(self):
        def entry(i, revision, message):
            return {"id": i, "timestamp": "2024-01-15T10:30:00Z", "revision": revision, "type": "QUEUED",
                    "message": message}
        self.peer.answer({"body": {"agentId": "a", "status": "DEPLOYING"}},
                         {"body": {"events": [entry("3", 2, "scan passed"), entry("2", 2, "queued"),
                                              entry("1", 1, "an older rollout")]}},
                         {"body": {"agentId": "a", "status": "DEPLOYED"}},
                         {"body": {"events": [entry("5", 2, "2/2 replicas ready: DEPLOYED"),
                                              entry("4", 2, "1/2 replicas ready"), entry("3", 2, "scan passed"),
                                              entry("2", 2, "queued")]}})
        told = []
        self.client.agents.wait_until_deployed("a", interval=0.01, on_event=lambda e: told.append(e["message"]))
        self.assertEqual(told, ["queued", "scan passed", "1/2 replicas ready", "2/2 replicas ready: DEPLOYED"])
        self.assertEqual([r["path"] for r in self.peer.requests], ["/api/agents/a/status", "/api/agents/a/events",
                                                                  "/api/agents/a/status", "/api/agents/a/events"])

    def test_events_reads_a_page_of_the_timeline(self):
        self.peer.answer({"body": {"agentId": "a", "events": [], "limit": 5}})
        self.client.agents.events("a", limit=5, next_token="abc")
        self.assertEqual(self.peer.requests[0]["path"], "/api/agents/a/events")
        self.assertEqual(self.peer.requests[0]["query"], {"limit": "5", "nextToken": "abc"})

    def test_wait_until_deployed_raises_the_reason_on_failed(self):
        self.peer.answer({"body": {"agentId": "a", "status": "FAILED", "reason": "ImagePullBackOff"}})
        with self.assertRaises(sdk.DeploymentFailedError) as caught:
            self.client.agents.wait_until_deployed("a", interval=0.01)
        self.assertEqual((caught.exception.reason, caught.exception.agent_id), ("ImagePullBackOff", "a"))

    def test_wait_until_deployed_times_out(self):
        self.peer.fallback = lambda req: {"body": {"agentId": "a", "status": "DEPLOYING"}}
        with self.assertRaises(sdk.ApiTimeoutError):
            self.client.agents.wait_until_deployed("a", interval=0.02, timeout=0.15)

    def test_the_other_resources_call_their_routes(self):
        self.peer.fallback = lambda req: {"body": {"ok": True}}
        self.client.auth.generate_key(username="admin", email="a@b.c", role="ADMIN")
        self.client.auth.list_keys()
        self.client.auth.revoke_key("key 1")
        self.client.security.scan("agent-1")
        self.client.security.get_scan("scan-1")
        self.client.security.events(severity="HIGH", limit=5, next_token="t1")
        self.client.system.health()
        self.client.system.metrics()
        self.client.users.get_profile()
        self.client.users.update_profile(email="n@b.c", notifications={"email": True})
        self.client.agents.metrics("agent-1")
        self.assertEqual([f"{r['method']} {r['path']}" for r in self.peer.requests], [
            "POST /api/auth/generate-key", "GET /api/auth/keys", "DELETE /api/auth/keys/key%201",
            "POST /api/security/scan/agent-1", "GET /api/security/scans/scan-1", "GET /api/security/events",
            "GET /api/health", "GET /api/system/metrics", "GET /api/users/profile", "PUT /api/users/profile",
            "GET /api/agents/agent-1/metrics"])
        self.assertEqual(self.peer.requests[5]["query"], {"severity": "HIGH", "limit": "5", "nextToken": "t1"})
        self.assertEqual(self.peer.requests[0]["body"], {"username": "admin", "email": "a@b.c", "role": "ADMIN"})

    def test_a_bearer_token_is_sent_as_authorization(self):
        self.peer.answer({"body": {}})
        AgentLaunchpadClient(access_token="eyJ.x.y", base_url=self.peer.url).users.get_profile()
        headers = self.peer.requests[0]["headers"]
        self.assertEqual(headers["authorization"], "Bearer eyJ.x.y")
        self.assertNotIn("x-api-key", headers)

    def test_a_refused_connection_is_an_api_connection_error_after_retries(self):
        dead = AgentLaunchpadClient(api_key="k", base_url="http://127.0.0.1:1", max_retries=1, retry_base_delay=0.01)
        with self.assertRaises(sdk.ApiConnectionError):
            dead.agents.get("a")


if __name__ == "__main__":
    unittest.main()
