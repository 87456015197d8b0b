'use strict';

const { callOptions, ifMatchHeader } = require('./call-options');
const { checkMessage, checkListing } = require('./messages');
const { waitUntilDeployed } = require('./deployment-wait');
const { Paginator } = require('./paginator');

/** The query parameter (and response field) that continues a followed log stream. One place, should it be renamed. */
const LOG_CURSOR = 'cursor';

const enc = encodeURIComponent;

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
  waitUntilDeployed(agentId, options = {}) {
    return waitUntilDeployed(this, this.t, agentId, options);
  }
}

module.exports = { Agents, LOG_CURSOR };
