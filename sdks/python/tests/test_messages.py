"""send_message and list_messages against a peer server started here: the request they make, how the API's
refusals surface, and the arguments refused before any request."""

import unittest

import agent_launchpad as sdk

from .peer import PeerTestCase, api_error

REPLY = {"agentId": "agent-1", "userId": "user-7", "reply": {"text": "Hi!", "actions": ["REPLY"]},
         "timestamp": "2026-12-03T14:00:00Z"}
CONVERSATION = {"agentId": "agent-1", "userId": "user-7", "messages": [
    {"role": "user", "text": "Hello", "timestamp": "2026-12-03T14:00:00Z"},
    {"role": "agent", "text": "Hi!", "timestamp": "2026-12-03T14:00:01Z"}]}


class MessagesTest(PeerTestCase):
    def test_send_message_posts_content_and_user_id_and_returns_the_reply(self):
        self.peer.answer({"body": REPLY})
        answer = self.client.agents.send_message("agent 1", "Hello\nthere", user_id="user-7")

        self.assertEqual(answer, REPLY)
        self.assertEqual(answer.status, 200)
        req = self.peer.requests[0]
        self.assertEqual((req["method"], req["path"]), ("POST", "/api/agents/agent%201/messages"))
        self.assertEqual(req["headers"]["content-type"], "application/json")
        self.assertEqual(req["headers"]["x-api-key"], "alk_test")
        self.assertNotIn("idempotency-key", req["headers"])
        self.assertEqual(req["body"], {"content": "Hello\nthere", "userId": "user-7"})

    def test_send_message_without_user_id_leaves_it_to_the_api(self):
        self.peer.answer({"body": REPLY})
        self.client.agents.send_message("agent-1", "Hello")
        self.assertEqual(self.peer.requests[0]["body"], {"content": "Hello"})

    def test_list_messages_sends_limit_and_user_id_as_the_query(self):
        self.peer.answer({"body": CONVERSATION}, {"body": CONVERSATION})
        answer = self.client.agents.list_messages("agent-1", limit=5, user_id="user-7")
        self.client.agents.list_messages("agent-1")

        self.assertEqual([m["role"] for m in answer["messages"]], ["user", "agent"])
        self.assertEqual([(r["method"], r["path"], r["query"]) for r in self.peer.requests], [
            ("GET", "/api/agents/agent-1/messages", {"limit": "5", "userId": "user-7"}),
            ("GET", "/api/agents/agent-1/messages", {})])

    def test_an_agent_not_running_is_a_conflict_error_not_retried(self):
        self.peer.fallback = lambda req: api_error(409, "CONFLICT", message="Agent agent-1 is not running")
        with self.assertRaises(sdk.ConflictError) as caught:
            self.client.agents.send_message("agent-1", "Hello")
        self.assertEqual((caught.exception.code, caught.exception.status), ("CONFLICT", 409))
        self.assertIn("not running", caught.exception.message)
        self.assertEqual(len(self.peer.requests), 1)
        with self.assertRaises(sdk.ConflictError):
            self.client.agents.list_messages("agent-1")

    def test_no_reply_in_time_is_a_server_error_gateway_timeout_and_a_send_is_not_repeated(self):
        self.peer.fallback = lambda req: api_error(504, "GATEWAY_TIMEOUT")
        with self.assertRaises(sdk.ServerError) as caught:
            self.client.agents.send_message("agent-1", "Hello")
        self.assertEqual((caught.exception.code, caught.exception.status), ("GATEWAY_TIMEOUT", 504))
        self.assertTrue(caught.exception.request_id.startswith("req-"))
        self.assertEqual(len(self.peer.requests), 1, "a message sent twice would be two messages")

    def test_list_messages_is_a_read_retried_on_504_like_every_get(self):
        err = self.server_error_after_retries(api_error(504, "GATEWAY_TIMEOUT"), 1,
                                              lambda c: c.agents.list_messages("agent-1"))
        self.assertEqual(err.code, "GATEWAY_TIMEOUT")
        self.assertEqual(len(self.peer.requests), 2)

    def test_bad_arguments_are_refused_before_any_request_naming_the_field(self):
        send, listing = self.client.agents.send_message, self.client.agents.list_messages
        cases = [(lambda: send("", "hi"), "agentId"), (lambda: send(None, "hi"), "agentId"),
                 (lambda: send("agent-1", ""), "content"), (lambda: send("agent-1", 42), "content"),
                 (lambda: send("agent-1", "a" * 4001), "content"), (lambda: send("agent-1", "bell\x07"), "content"),
                 (lambda: send("agent-1", "esc\x1b[2J"), "content"), (lambda: send("agent-1", "del\x7f"), "content"),
                 (lambda: send("agent-1", "c1\x85"), "content"),
                 (lambda: send("agent-1", "hi", user_id="has space"), "userId"),
                 (lambda: send("agent-1", "hi", user_id="u" * 65), "userId"),
                 (lambda: send("agent-1", "hi", user_id="line\n"), "userId"),
                 (lambda: send("agent-1", "hi", user_id=7), "userId"),
                 (lambda: listing("agent-1", limit=0), "limit"), (lambda: listing("agent-1", limit=101), "limit"),
                 (lambda: listing("agent-1", limit=2.5), "limit"), (lambda: listing("agent-1", limit="5"), "limit"),
                 (lambda: listing("agent-1", limit=True), "limit"), (lambda: listing("agent-1", user_id="a/b"), "userId")]
        for call, field in cases:
            with self.subTest(field=field), self.assertRaises(sdk.ValidationError) as caught:
                call()
            self.assertEqual(caught.exception.code, "VALIDATION_ERROR")
            self.assertEqual([d["field"] for d in caught.exception.details], [field])
        self.assertEqual(self.peer.requests, [])

    def test_the_limits_are_inclusive(self):
        self.peer.fallback = lambda req: {"body": REPLY}
        self.client.agents.send_message("agent-1", "\U0001F916" * 4000)  # 4000 characters, one code point each
        self.client.agents.send_message("agent-1", "a\tb\r\nc", user_id="u" * 60 + ".@_-")
        self.client.agents.list_messages("agent-1", limit=1)
        self.client.agents.list_messages("agent-1", limit=100)
        self.assertEqual(len(self.peer.requests), 4)


if __name__ == "__main__":
    unittest.main()
