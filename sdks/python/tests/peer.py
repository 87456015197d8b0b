"""A small HTTP server answering like the API: a test queues answers, then reads what the SDK sent."""

import json
import threading
import time
import unittest
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import agent_launchpad as sdk


class Peer:
    def __init__(self):
        self.requests = []
        self.answers = []
        self.fallback = lambda req: api_error(500, "INTERNAL_ERROR")
        self._seq = 0
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                url = urllib.parse.urlsplit(self.path)
                seen = {"method": self.command, "path": url.path, "query": dict(urllib.parse.parse_qsl(url.query)),
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": json.loads(raw) if raw else None, "at": time.monotonic()}
                peer.requests.append(seen)
                answer = (peer.answers.pop(0) if peer.answers else peer.fallback)
                answer = answer(seen) if callable(answer) else answer
                if answer.get("hang"):
                    time.sleep(answer["hang"])
                    self.close_connection = True
                    return
                peer._seq += 1
                request_id = f"req-{peer._seq}"
                body = answer.get("body")
                if isinstance(body, dict) and "error" in body:
                    body = {"error": {"requestId": request_id, **body["error"]}}
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(answer.get("status", 200))
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Request-Id", request_id)
                for k, v in (answer.get("headers") or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the SDK gave up (timeout): nothing to answer

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def answer(self, *answers):
        self.answers.extend(answers)

    def reset(self):
        self.requests.clear()
        self.answers.clear()
        self.fallback = lambda req: api_error(500, "INTERNAL_ERROR")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def api_error(status, code, headers=None, **extra):
    return {"status": status, "headers": headers,
            "body": {"error": {"code": code, "message": f"{code} happened", "timestamp": "2024-01-15T13:45:00Z",
                               **extra}}}


class PeerTestCase(unittest.TestCase):
    """A fresh peer per test and a client of it with short retry delays: a request a previous test abandoned
    (timeouts) must not land in this one's log. The base URL ends in a slash, which the client drops."""

    def setUp(self):
        self.peer = Peer()
        self.addCleanup(self.peer.close)
        self.client = sdk.AgentLaunchpadClient(api_key="alk_test", base_url=self.peer.url + "/",
                                               retry_base_delay=0.01)

    def server_error_after_retries(self, error, max_retries, call):
        """The ServerError `call(client)` raises when every answer is `error` and the client retries `max_retries`
        times."""
        self.peer.fallback = lambda req: error
        client = sdk.AgentLaunchpadClient(api_key="k", base_url=self.peer.url, retry_base_delay=0.01,
                                          max_retries=max_retries)
        with self.assertRaises(sdk.ServerError) as caught:
            call(client)
        return caught.exception
