"""One HTTP exchange with the API, with the retry rules every SDK shares."""

import email.utils
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from . import errors

VERSION = "1.0.0"
_RETRYABLE_METHODS = {"GET", "HEAD", "PUT", "DELETE"}


class Response(dict):
    """A plain dict of the API's JSON (camelCase keys), plus ``status``, ``headers`` and ``request_id``."""

    status = None
    headers = None
    request_id = None


class Transport:
    def __init__(self, base_url, api_key=None, access_token=None, timeout=30.0, max_retries=3,
                 retry_base_delay=0.5, max_retry_delay=30.0):
        if not base_url:
            raise ValueError("base_url is required, e.g. http://localhost:8080")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.access_token = access_token
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_base_delay = retry_base_delay
        self.max_retry_delay = max_retry_delay
        self.user_agent = f"agent-launchpad-sdk-python/{VERSION}"

    def url(self, path, query=None):
        params = {k: _query_value(v) for k, v in (query or {}).items() if v is not None}
        return self.base_url + path + ("?" + urllib.parse.urlencode(params) if params else "")

    def request(self, method, path, query=None, body=None, headers=None, idempotency_key=None, timeout=None,
                max_retries=None):
        """Sends the call, retrying 429/5xx/no-answer only when repeating it is harmless: GET, PUT, DELETE, or a
        POST with an Idempotency-Key (``idempotency_key=True`` generates one, reused by every attempt)."""
        sent = {"Accept": "application/json", "User-Agent": self.user_agent, **(headers or {})}
        if self.api_key:
            sent["X-API-Key"] = self.api_key
        if self.access_token:
            sent["Authorization"] = f"Bearer {self.access_token}"
        data = None
        if body is not None:
            sent["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        if idempotency_key:
            sent["Idempotency-Key"] = str(uuid.uuid4()) if idempotency_key is True else idempotency_key
        retryable = method in _RETRYABLE_METHODS or "Idempotency-Key" in sent
        retries = (self.max_retries if max_retries is None else max_retries) if retryable else 0
        budget = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + budget if budget else None
        url = self.url(path, query)

        attempt = 0
        while True:
            try:
                return self._once(method, url, path, sent, data, deadline, budget)
            except (errors.ApiConnectionError, errors.RateLimitError, errors.ServerError) as failure:
                if attempt >= retries:
                    raise
                delay = self.retry_delay(failure.headers, attempt)
                if deadline is not None and time.monotonic() + delay >= deadline:
                    raise
                time.sleep(delay)
                attempt += 1

    def _once(self, method, url, path, headers, data, deadline, budget):
        remaining = None
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise errors.ApiTimeoutError(f"{method} {path} timed out after {budget} s")
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=remaining) as res:
                return _answer(res.status, res.headers, res.read())
        except urllib.error.HTTPError as e:
            raise _error(e.code, e.headers, e.read()) from None
        except (socket.timeout, TimeoutError) as e:
            raise errors.ApiTimeoutError(f"{method} {path} timed out after {budget} s") from e
        except (urllib.error.URLError, ConnectionError, OSError) as e:
            reason = getattr(e, "reason", e)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise errors.ApiTimeoutError(f"{method} {path} timed out after {budget} s") from e
            raise errors.ApiConnectionError(f"{method} {path} failed: {reason}") from e

    def retry_delay(self, headers, attempt):
        """Retry-After (seconds or an HTTP date) wins, then X-RateLimit-Reset when the window is spent, else
        jittered exponential backoff; never more than max_retry_delay."""
        retry_after = headers.get("retry-after")
        if retry_after is not None:
            try:
                return _cap(float(retry_after), self.max_retry_delay)
            except ValueError:
                try:
                    when = email.utils.parsedate_to_datetime(retry_after).timestamp()
                    return _cap(when - time.time(), self.max_retry_delay)
                except (TypeError, ValueError):
                    pass
        reset = headers.get("x-ratelimit-reset")
        if headers.get("x-ratelimit-remaining") == "0" and reset is not None:
            try:
                return _cap(float(reset) - time.time(), self.max_retry_delay)
            except ValueError:
                pass
        ceiling = min(self.max_retry_delay, self.retry_base_delay * 2 ** attempt)
        return ceiling / 2 + random.random() * ceiling / 2


def _cap(seconds, most):
    return min(max(0.0, seconds), most)


def _query_value(v):
    return ("true" if v else "false") if isinstance(v, bool) else v


def _lower(headers):
    return {k.lower(): v for k, v in headers.items()}


def _parse(raw):
    if not raw:
        return {}
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return None


def _answer(status, headers, raw):
    parsed = _parse(raw)
    value = Response(parsed if isinstance(parsed, dict) else {"raw": raw.decode("utf-8", "replace")})
    value.status = status
    value.headers = _lower(headers)
    value.request_id = value.headers.get("x-request-id")
    return value


def _error(status, headers, raw):
    lowered = _lower(headers or {})
    parsed = _parse(raw)
    error = parsed.get("error", {}) if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict) else {}
    cls = errors.error_class_for(status)
    return cls(error.get("message", f"HTTP {status}"), code=error.get("code", f"HTTP_{status}"), status=status,
               request_id=error.get("requestId", lowered.get("x-request-id")), details=error.get("details"),
               headers=lowered, body=parsed)
