"""The identity-link calls against a peer server: what they send, and how a refusal reads."""

import unittest

from agent_launchpad import ConflictError

from .peer import PeerTestCase, api_error


class IdentityLinksTest(PeerTestCase):
    def test_link_list_every_page_and_unlink_send_their_requests(self):
        self.peer.answer({"status": 201, "body": {"linkId": "link-1", "userId": "user-d", "username": "dave"}},
                         {"status": 200, "body": {"links": [{"linkId": "link-1"}], "limit": 1, "nextToken": "t1"}},
                         {"status": 200, "body": {"links": [{"linkId": "link-2"}], "limit": 1, "nextToken": None}},
                         {"status": 200, "body": {"linkId": "link-1", "unlinked": True}})

        link = self.client.identity_links.link(issuer="https://sso.example", subject="00u1", username="dave")
        ids = [l["linkId"] for l in self.client.identity_links.list(limit=1).items()]
        gone = self.client.identity_links.unlink("link-1")

        self.assertEqual(link.status, 201)
        self.assertEqual(link["userId"], "user-d")
        self.assertEqual(ids, ["link-1", "link-2"])
        self.assertTrue(gone["unlinked"])
        self.assertEqual([(r["method"], r["path"], r["query"]) for r in self.peer.requests], [
            ("POST", "/api/users/links", {}), ("GET", "/api/users/links", {"limit": "1"}),
            ("GET", "/api/users/links", {"limit": "1", "nextToken": "t1"}),
            ("DELETE", "/api/users/links/link-1", {})])
        self.assertEqual(self.peer.requests[0]["body"],
                         {"issuer": "https://sso.example", "subject": "00u1", "username": "dave"})

    def test_a_conflict_is_a_conflict_error_and_is_not_retried(self):
        self.peer.answer(api_error(409, "CONFLICT"))
        with self.assertRaises(ConflictError) as caught:
            self.client.identity_links.link(issuer="i", subject="s", username="dave")
        self.assertEqual(caught.exception.code, "CONFLICT")
        self.assertEqual(len(self.peer.requests), 1)


if __name__ == "__main__":
    unittest.main()
