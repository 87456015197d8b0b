'use strict';

const { DeploymentFailedError, TimeoutError } = require('./errors');
const { sleep } = require('./transport');
const { checkMessage, checkListing } = require('./messages');

/** The query parameter (and response field) that continues a followed log stream. One place, should it be renamed. */
const LOG_CURSOR = 'cursor';

const enc = encodeURIComponent;

function callOptions(options = {}) {
  const { signal, timeout, maxRetries } = options;
  return { signal, timeout, maxRetries };
}

function ifMatchHeader(options = {}) {
  if (options.ifMatch === undefined || options.ifMatch === null) return undefined;
  const v = String(options.ifMatch);
  return { 'If-Match': v.startsWith('"') ? v : `"${v}"` };
}

/**
 * The pages of a listing: `await` it for the first page, `for await` over it for every page, or `.items()` for
 * every agent. Pages follow `nextToken` until the API leaves it out.
 */
class Paginator {
  constructor(fetchPage, itemsKey) {
    this.fetchPage = fetchPage;
    this.itemsKey = itemsKey;
  }

  then(onFulfilled, onRejected) {
    return this.fetchPage(undefined).then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator]() {
    let token;
    do {
      const page = await this.fetchPage(token);
      yield page;
      token = page.nextToken ?? undefined;
    } while (token);
  }

  async *items() {
    for await (const page of this) yield* page[this.itemsKey] ?? [];
  }
}

class Agents {
  constructor(transport) {
    this.t = transport;
  }

  /** Creates an agent. Retries are safe: the SDK sends one Idempotency-Key for all attempts (or yours). */
  create(body, options = {}) {
    return this.t.request({ method: 'POST', path: '/api/agents', body,
      idempotencyKey: options.idempotencyKey ?? true, ...callOptions(options) });
  }

  /** @returns {Paginator} limit, offset, status, owner as in the API; nextToken to resume. */
  list(params = {}, options = {}) {
    const { nextToken: first, ...query } = params;
    return new Paginator((token) => this.t.request({ method: 'GET', path: '/api/agents',
      query: { ...query, nextToken: token ?? first }, ...callOptions(options) }), 'agents');
  }

  get(agentId, options) {
    return this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}`, ...callOptions(options) });
  }

  getStatus(agentId, options) {
    return this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/status`, ...callOptions(options) });
  }

  update(agentId, changes, options = {}) {
    return this.t.request({ method: 'PUT', path: `/api/agents/${enc(agentId)}`, body: changes,
      headers: ifMatchHeader(options), ...callOptions(options) });
  }

  /** @param replicas a number, or `{ replicas }` as the API takes it. */
  scale(agentId, replicas, options = {}) {
    const body = typeof replicas === 'object' ? replicas : { replicas };
    return this.t.request({ method: 'POST', path: `/api/agents/${enc(agentId)}/scale`, body,
      headers: ifMatchHeader(options), ...callOptions(options) });
  }

  restart(agentId, options = {}) {
    return this.t.request({ method: 'POST', path: `/api/agents/${enc(agentId)}/restart`,
      headers: ifMatchHeader(options), ...callOptions(options) });
  }

  /** @returns {Paginator} the agent's revisions, newest first; limit as in the API; nextToken to resume. */
  listRevisions(agentId, params = {}, options = {}) {
    const { nextToken: first, ...query } = params;
    return new Paginator((token) => this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/revisions`,
      query: { ...query, nextToken: token ?? first }, ...callOptions(options) }), 'revisions');
  }

  getRevision(agentId, revision, options) {
    return this.t.request({ method: 'GET',
      path: `/api/agents/${enc(agentId)}/revisions/${enc(String(revision))}`, ...callOptions(options) });
  }

  /** Rolls the agent back to revision `revision` (a new revision with its state, secrets included). */
  rollback(agentId, revision, options = {}) {
    return this.t.request({ method: 'POST', path: `/api/agents/${enc(agentId)}/rollback`, body: { revision },
      headers: ifMatchHeader(options), ...callOptions(options) });
  }

  delete(agentId, options = {}) {
    return this.t.request({ method: 'DELETE', path: `/api/agents/${enc(agentId)}`,
      headers: ifMatchHeader(options), ...callOptions(options) });
  }

  metrics(agentId, options) {
    return this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/metrics`, ...callOptions(options) });
  }

  /**
   * Without `follow`: a promise of `{agentId, logs, totalLines, truncated, follow, cursor}` (the newest lines).
   * With `follow: true`: an async iterator of log lines over the long-poll, until the API stops giving a cursor,
   * the signal aborts, or the loop breaks.
   */
  logs(agentId, params = {}, options = {}) {
    const { follow, lines, since } = params;
    const path = `/api/agents/${enc(agentId)}/logs`;
    if (!follow) {
      return this.t.request({ method: 'GET', path, query: { lines, since }, ...callOptions(options) });
    }
    const t = this.t;
    return (async function* followLogs() {
      let cursor = params[LOG_CURSOR];
      for (;;) {
        const page = await t.request({ method: 'GET', path,
          query: { lines, since: cursor ? undefined : since, follow: true, [LOG_CURSOR]: cursor },
          ...callOptions(options) });
        yield* page.logs ?? [];
        if (!page[LOG_CURSOR]) return;
        cursor = page[LOG_CURSOR];
        options.signal?.throwIfAborted();
      }
    }());
  }

  /**
   * Sends `content` to the running agent and resolves with its reply: `{agentId, userId, reply: {text, actions},
   * timestamp}`. `userId` names the end user of the conversation (default: the caller). Never retried: a message
   * sent twice is two messages. An agent not running rejects with ConflictError (CONFLICT); no reply in the
   * platform's time (20 s by default) with ServerError GATEWAY_TIMEOUT (504).
   */
  sendMessage(agentId, content, params = {}, options = {}) {
    const { userId } = params ?? {};
    const bad = checkMessage(agentId, content, userId);
    if (bad) return Promise.reject(bad);
    const body = userId === undefined || userId === null ? { content } : { content, userId };
    return this.t.request({ method: 'POST', path: `/api/agents/${enc(agentId)}/messages`, body,
      ...callOptions(options) });
  }

  /**
   * The last `limit` (1..100, default 20) messages of `userId`'s conversation with the agent, oldest first:
   * `{agentId, userId, messages: [{role: 'user'|'agent', text, timestamp}]}`.
   */
  listMessages(agentId, params = {}, options = {}) {
    const { limit, userId } = params ?? {};
    const bad = checkListing(agentId, limit, userId);
    if (bad) return Promise.reject(bad);
    return this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/messages`,
      query: { limit, userId }, ...callOptions(options) });
  }

  /**
   * A page of the agent's rollout timeline, newest first: `{agentId, events: [{id, timestamp, revision, type,
   * message}], limit, nextToken}`. @param params limit (1..100), nextToken (the previous page's)
   */
  events(agentId, params = {}, options = {}) {
    return this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/events`, query: params,
      ...callOptions(options) });
  }

  /**
   * Waits until DEPLOYED (resolves with the status), FAILED (rejects with DeploymentFailedError and its `reason`)
   * or the timeout (rejects with TimeoutError). The API holds each status request until the agent gets there (up to
   * 20 s, `?waitFor=DEPLOYED`); an API that answers at once is polled every `interval`. `onProgress(status)` sees
   * every answer; `onEvent(entry)` each new entry of the current rollout's timeline, oldest first ("scan passed",
   * "1/2 replicas ready", ...).
   */
  async waitUntilDeployed(agentId, options = {}) {
    const { timeout = 600_000, interval = 5_000, onProgress, onEvent, signal } = options;
    const deadline = Date.now() + timeout;
    const timeline = onEvent ? newEntries(this, agentId, signal) : null;
    for (;;) {
      const left = deadline - Date.now();
      const waitSeconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.floor((left - 2_000) / 1_000)));
      const asked = Date.now();
      const status = await this.t.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/status`,
        query: { waitFor: 'DEPLOYED', timeout: `${waitSeconds}s` }, signal, timeout: Math.max(1, left) });
      if (timeline) {
        for (const entry of await timeline()) await onEvent(entry);
      }
      if (onProgress) await onProgress(status);
      if (status.status === 'DEPLOYED') return status;
      if (status.status === 'FAILED') {
        throw new DeploymentFailedError(`Agent ${agentId} failed: ${status.reason ?? 'no reason given'}`,
          { agentId, reason: status.reason, status: undefined });
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new TimeoutError(`Agent ${agentId} not DEPLOYED after ${timeout} ms (last status ${status.status})`,
          { code: 'WAIT_TIMEOUT' });
      }
      if (Date.now() - asked < (waitSeconds - 1) * 1_000) {
        // answered before its wait was over without being there: an API that does not wait; poll instead
        await sleep(Math.min(interval, remaining), signal);
      }
    }
  }
}

const MAX_WAIT_SECONDS = 20;

/**
 * A function answering the timeline entries not seen before, oldest first; the first call keeps only the latest
 * revision's (the rollout being waited for), not the agent's whole history.
 */
function newEntries(agents, agentId, signal) {
  const seen = new Set();
  let revision = null;
  return async () => {
    const page = await agents.events(agentId, { limit: 50 }, { signal });
    const entries = page.events ?? [];
    if (revision === null) revision = entries.length ? entries[0].revision : 0;
    const fresh = entries.filter((e) => !seen.has(e.id) && e.revision >= revision).reverse();
    fresh.forEach((e) => seen.add(e.id));
    return fresh;
  };
}

class Auth {
  constructor(transport) { this.t = transport; }

  generateKey(body, options) {
    return this.t.request({ method: 'POST', path: '/api/auth/generate-key', body, ...callOptions(options) });
  }

  listKeys(options) {
    return this.t.request({ method: 'GET', path: '/api/auth/keys', ...callOptions(options) });
  }

  revokeKey(keyId, options) {
    return this.t.request({ method: 'DELETE', path: `/api/auth/keys/${enc(keyId)}`, ...callOptions(options) });
  }
}

class Security {
  constructor(transport) { this.t = transport; }

  scan(agentId, options) {
    return this.t.request({ method: 'POST', path: `/api/security/scan/${enc(agentId)}`, ...callOptions(options) });
  }

  getScan(scanId, options) {
    return this.t.request({ method: 'GET', path: `/api/security/scans/${enc(scanId)}`, ...callOptions(options) });
  }

  /** @param params limit, severity, since, nextToken (the previous page's, bound to the same filters) */
  events(params = {}, options) {
    return this.t.request({ method: 'GET', path: '/api/security/events', query: params, ...callOptions(options) });
  }
}

class System {
  constructor(transport) { this.t = transport; }

  health(options) {
    return this.t.request({ method: 'GET', path: '/api/health', ...callOptions(options) });
  }

  metrics(options) {
    return this.t.request({ method: 'GET', path: '/api/system/metrics', ...callOptions(options) });
  }
}

class Users {
  constructor(transport) { this.t = transport; }

  getProfile(options) {
    return this.t.request({ method: 'GET', path: '/api/users/profile', ...callOptions(options) });
  }

  updateProfile(changes, options) {
    return this.t.request({ method: 'PUT', path: '/api/users/profile', body: changes, ...callOptions(options) });
  }
}

module.exports = { Agents, Auth, Security, System, Users, Paginator, LOG_CURSOR, callOptions };
