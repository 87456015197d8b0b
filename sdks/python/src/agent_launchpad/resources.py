"""The API's resources: agents, auth, security, system, users. Bodies go out and come back with camelCase keys."""

import time
import urllib.parse

from ._messages import check_listing, check_message
from .errors import ApiTimeoutError, DeploymentFailedError

#: The query parameter (and response field) that continues a followed log stream; one place, should it be renamed.
LOG_CURSOR = "cursor"


def _seg(value):
    return urllib.parse.quote(str(value), safe="")


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _camel_keys(value):
    """agent_name= becomes agentName, recursively, so the seed's keyword style reaches the API's JSON."""
    if isinstance(value, dict):
        return {_camel(k): _camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel_keys(v) for v in value]
    return value


def _if_match(if_match):
    if if_match is None:
        return None
    value = str(if_match)
    return {"If-Match": value if value.startswith('"') else f'"{value}"'}


class Pages:
    """The pages of a listing, following ``nextToken`` until the API leaves it out. Iterate for pages,
    ``items()`` for every agent; indexing (``pages["agents"]``) reads the first page."""

    def __init__(self, fetch, items_key):
        self._fetch = fetch
        self._items_key = items_key
        self._first = None

    def first(self):
        if self._first is None:
            self._first = self._fetch(None)
        return self._first

    def __getitem__(self, key):
        return self.first()[key]

    def __iter__(self):
        page = self.first()
        while True:
            yield page
            token = page.get("nextToken")
            if not token:
                return
            page = self._fetch(token)

    def items(self):
        for page in self:
            yield from page.get(self._items_key) or []


class Agents:
    def __init__(self, transport):
        self._t = transport

    def create(self, body=None, *, idempotency_key=None, timeout=None, **fields):
        """``create(agent_name='my-bot', description='My AI bot', personality={...})`` or ``create({...})`` with the
        API's JSON. Safe to retry: every attempt carries the same Idempotency-Key (yours or one generated)."""
        payload = dict(body or {})
        payload.update(_camel_keys(fields))
        return self._t.request("POST", "/api/agents", body=payload, idempotency_key=idempotency_key or True,
                               timeout=timeout)

    def list(self, *, limit=None, offset=None, status=None, owner=None, next_token=None, timeout=None):
        query = {"limit": limit, "offset": offset, "status": status, "owner": owner}
        return Pages(lambda token: self._t.request("GET", "/api/agents", query={**query,
                                                   "nextToken": token or next_token}, timeout=timeout), "agents")

    def get(self, agent_id, *, timeout=None):
        return self._t.request("GET", f"/api/agents/{_seg(agent_id)}", timeout=timeout)

    def get_status(self, agent_id, *, timeout=None):
        return self._t.request("GET", f"/api/agents/{_seg(agent_id)}/status", timeout=timeout)

    def update(self, agent_id, changes=None, *, if_match=None, timeout=None, **fields):
        payload = dict(changes or {})
        payload.update(_camel_keys(fields))
        return self._t.request("PUT", f"/api/agents/{_seg(agent_id)}", body=payload, headers=_if_match(if_match),
                               timeout=timeout)

    def scale(self, agent_id, replicas, *, if_match=None, timeout=None):
        return self._t.request("POST", f"/api/agents/{_seg(agent_id)}/scale", body={"replicas": replicas},
                               headers=_if_match(if_match), timeout=timeout)

    def restart(self, agent_id, *, if_match=None, timeout=None):
        return self._t.request("POST", f"/api/agents/{_seg(agent_id)}/restart", headers=_if_match(if_match),
                               timeout=timeout)

    def list_revisions(self, agent_id, *, limit=None, next_token=None, timeout=None):
        """The agent's revisions, newest first (``types.RevisionList`` pages): who changed which field paths;
        a changed secret shows as its path, never its value."""
        path = f"/api/agents/{_seg(agent_id)}/revisions"
        return Pages(lambda token: self._t.request("GET", path, query={"limit": limit,
                                                   "nextToken": token or next_token}, timeout=timeout), "revisions")

    def get_revision(self, agent_id, revision, *, timeout=None):
        return self._t.request("GET", f"/api/agents/{_seg(agent_id)}/revisions/{_seg(str(revision))}",
                               timeout=timeout)

    def rollback(self, agent_id, revision, *, if_match=None, timeout=None):
        """A new revision with revision ``revision``'s state (its secrets included), rolled out like an update."""
        return self._t.request("POST", f"/api/agents/{_seg(agent_id)}/rollback", body={"revision": revision},
                               headers=_if_match(if_match), timeout=timeout)

    def delete(self, agent_id, *, if_match=None, timeout=None):
        return self._t.request("DELETE", f"/api/agents/{_seg(agent_id)}", headers=_if_match(if_match),
                               timeout=timeout)

    def metrics(self, agent_id, *, timeout=None):
        """``{agentId, metrics: {cpu, memory, network, requests, pods}, timestamp}``: cpu in cores, memory in bytes;
        network and requests name their ``source`` (``prometheus``, or ``unavailable`` with a ``reason``) and leave
        out the figures it does not have."""
        return self._t.request("GET", f"/api/agents/{_seg(agent_id)}/metrics", timeout=timeout)

    def logs(self, agent_id, *, lines=None, since=None, follow=False, cursor=None, timeout=None):
        """Without ``follow``: the ``{agentId, logs, totalLines, truncated, follow, cursor}`` dict of the newest lines,
        each ``{timestamp, level, message, pod}``. With ``follow=True``: an iterator of log lines over the long-poll,
        until the API stops giving a cursor (or the loop breaks)."""
        path = f"/api/agents/{_seg(agent_id)}/logs"
        if not follow:
            return self._t.request("GET", path, query={"lines": lines, "since": since}, timeout=timeout)
        return self._follow(path, lines, since, cursor, timeout)

    def _follow(self, path, lines, since, cursor, timeout):
        while True:
            page = self._t.request("GET", path, query={"lines": lines, "since": None if cursor else since,
                                                       "follow": True, LOG_CURSOR: cursor}, timeout=timeout)
            yield from page.get("logs") or []
            cursor = page.get(LOG_CURSOR)
            if not cursor:
                return

    def send_message(self, agent_id, content, *, user_id=None, timeout=None):
        """Sends ``content`` to the running agent; returns its reply, ``{agentId, userId, reply: {text, actions},
        timestamp}`` (``types.AgentReply``). ``user_id`` names the end user of the conversation (default: the caller).
        Never retried: a message sent twice is two messages. An agent not running raises ConflictError (CONFLICT);
        no reply within the platform's timeout (20 s by default) ServerError with code GATEWAY_TIMEOUT (504). Bad
        arguments raise ValidationError before any request."""
        check_message(agent_id, content, user_id)
        body = {"content": content} if user_id is None else {"content": content, "userId": user_id}
        return self._t.request("POST", f"/api/agents/{_seg(agent_id)}/messages", body=body, timeout=timeout)

    def list_messages(self, agent_id, *, limit=None, user_id=None, timeout=None):
        """The last ``limit`` (1..100, default 20) messages of ``user_id``'s conversation with the agent, oldest
        first: ``{agentId, userId, messages: [{role: user|agent, text, timestamp}]}`` (``types.Conversation``)."""
        check_listing(agent_id, limit, user_id)
        return self._t.request("GET", f"/api/agents/{_seg(agent_id)}/messages",
                               query={"limit": limit, "userId": user_id}, timeout=timeout)

    def events(self, agent_id, *, limit=None, next_token=None, timeout=None):
        """A page of the agent's rollout timeline, newest first: ``{agentId, events: [{id, timestamp, revision, type,
        message}], limit, nextToken?}``; pass ``nextToken`` back as ``next_token``."""
        return self._t.request("GET", f"/api/agents/{_seg(agent_id)}/events",
                               query={"limit": limit, "nextToken": next_token}, timeout=timeout)

    def wait_until_deployed(self, agent_id, *, timeout=600.0, interval=5.0, on_progress=None, on_event=None):
        """Waits until DEPLOYED (returns the status), FAILED (raises DeploymentFailedError with ``reason``) or the
        timeout (raises ApiTimeoutError). The API holds each status request until the agent gets there (up to 20 s,
        ``?waitFor=DEPLOYED``); an API that answers at once is polled every ``interval``. ``on_progress(status)``
        sees every answer; ``on_event(entry)`` each new entry of the current rollout's timeline, oldest first
        ("scan passed", "1/2 replicas ready", ...)."""
        deadline = time.monotonic() + timeout
        timeline = _NewEntries(self, agent_id) if on_event else None
        while True:
            left = deadline - time.monotonic()
            wait_seconds = max(1, min(_MAX_WAIT_SECONDS, int(left - 2)))
            asked = time.monotonic()
            status = self._t.request("GET", f"/api/agents/{_seg(agent_id)}/status",
                                     query={"waitFor": "DEPLOYED", "timeout": f"{wait_seconds}s"},
                                     timeout=max(0.001, left))
            if timeline:
                for entry in timeline():
                    on_event(entry)
            if on_progress:
                on_progress(status)
            if status.get("status") == "DEPLOYED":
                return status
            if status.get("status") == "FAILED":
                reason = status.get("reason")
                raise DeploymentFailedError(f"Agent {agent_id} failed: {reason or 'no reason given'}",
                                            agent_id=agent_id, reason=reason)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ApiTimeoutError(f"Agent {agent_id} not DEPLOYED after {timeout} s "
                                      f"(last status {status.get('status')})", code="WAIT_TIMEOUT")
            if time.monotonic() - asked < wait_seconds - 1:
                # answered before its wait was over without being there: an API that does not wait; poll instead
                time.sleep(min(interval, remaining))


_MAX_WAIT_SECONDS = 20


class _NewEntries:
    """The timeline entries not seen before, oldest first; the first call keeps only the latest revision's (the
    rollout being waited for), not the agent's whole history."""

    def __init__(self, agents, agent_id):
        self._agents, self._agent_id, self._seen, self._revision = agents, agent_id, set(), None

    def __call__(self):
        entries = self._agents.events(self._agent_id, limit=50).get("events") or []
        if self._revision is None:
            self._revision = entries[0]["revision"] if entries else 0
        fresh = [e for e in reversed(entries) if e["id"] not in self._seen and e["revision"] >= self._revision]
        self._seen.update(e["id"] for e in fresh)
        return fresh


class Auth:
    def __init__(self, transport):
        self._t = transport

    def generate_key(self, *, username, email, role, timeout=None):
        return self._t.request("POST", "/api/auth/generate-key",
                               body={"username": username, "email": email, "role": role}, timeout=timeout)

    def list_keys(self, *, timeout=None):
        return self._t.request("GET", "/api/auth/keys", timeout=timeout)

    def revoke_key(self, key_id, *, timeout=None):
        return self._t.request("DELETE", f"/api/auth/keys/{_seg(key_id)}", timeout=timeout)


class Security:
    def __init__(self, transport):
        self._t = transport

    def scan(self, agent_id, *, timeout=None):
        """``{agentId, scanId, status, image, results?, scannedAt?}``: a COMPLETED or FAILED scan (``.status`` 200),
        or an IN_PROGRESS one without ``results`` (``.status`` 202) to read back with ``get_scan(scanId)``."""
        return self._t.request("POST", f"/api/security/scan/{_seg(agent_id)}", timeout=timeout)

    def get_scan(self, scan_id, *, timeout=None):
        return self._t.request("GET", f"/api/security/scans/{_seg(scan_id)}", timeout=timeout)

    def events(self, *, limit=None, severity=None, since=None, next_token=None, timeout=None):
        """``{events, total, limit, nextToken?}``, newest first; pass ``nextToken`` back as ``next_token`` (with the
        same ``severity`` and ``since``) for the next page."""
        return self._t.request("GET", "/api/security/events",
                               query={"limit": limit, "severity": severity, "since": since, "nextToken": next_token},
                               timeout=timeout)


class System:
    def __init__(self, transport):
        self._t = transport

    def health(self, *, timeout=None):
        """HEALTHY or DEGRADED; an UNHEALTHY platform answers 503, raised as ServerError whose ``body`` is the report."""
        return self._t.request("GET", "/api/health", timeout=timeout)

    def metrics(self, *, timeout=None):
        return self._t.request("GET", "/api/system/metrics", timeout=timeout)


class Users:
    def __init__(self, transport):
        self._t = transport

    def get_profile(self, *, timeout=None):
        return self._t.request("GET", "/api/users/profile", timeout=timeout)

    def update_profile(self, changes=None, *, timeout=None, **fields):
        payload = dict(changes or {})
        payload.update(_camel_keys(fields))
        return self._t.request("PUT", "/api/users/profile", body=payload, timeout=timeout)
