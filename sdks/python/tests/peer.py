"""A small HTTP server answering like the API: a test queues answers, then reads what the SDK sent."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


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
