'use strict';

const { randomUUID } = require('node:crypto');
const {
  AgentLaunchpadError, ConnectionError, TimeoutError, errorClassFor,
} = require('./errors');

const VERSION = '1.0.0';
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * One HTTP exchange with retries. A call is retried on 429, 5xx and connection errors only when repeating it is
 * harmless: idempotent methods, or a POST carrying an Idempotency-Key (the API replays the first answer).
 */
class Transport {
  constructor(options = {}) {
    if (!options.baseUrl) throw new TypeError('baseUrl is required, e.g. http://localhost:8080');
    this.baseUrl = String(options.baseUrl).replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.accessToken = options.accessToken;
    this.timeout = options.timeout ?? 30_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.retryBaseDelay = options.retryBaseDelay ?? 500;
    this.maxRetryDelay = options.maxRetryDelay ?? 30_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.userAgent = `agent-launchpad-sdk-node/${VERSION}`;
    if (typeof this.fetch !== 'function') throw new TypeError('no global fetch: use Node 18+ or pass options.fetch');
  }

  url(path, query) {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    }
    return url;
  }

  /**
   * @param {object} req method, path, query, body, headers, idempotencyKey (true to generate one),
   *   and the per-call options signal, timeout, maxRetries.
   * @returns the parsed body, with a non-enumerable `$response` {status, headers, requestId}.
   */
  async request(req) {
    const headers = { Accept: 'application/json', 'User-Agent': this.userAgent, ...(req.headers ?? {}) };
    if (this.apiKey) headers['X-API-Key'] = this.apiKey;
    if (this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (req.idempotencyKey) {
      headers['Idempotency-Key'] = req.idempotencyKey === true ? randomUUID() : req.idempotencyKey;
    }
    const retryable = RETRYABLE_METHODS.has(req.method) || Boolean(headers['Idempotency-Key']);
    const maxRetries = retryable ? (req.maxRetries ?? this.maxRetries) : 0;
    const timeout = req.timeout ?? this.timeout;
    const deadline = timeout > 0 ? Date.now() + timeout : Infinity;
    const url = this.url(req.path, req.query);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);

    for (let attempt = 0; ; attempt++) {
      let failure;
      try {
        const response = await this.once(url, req.method, headers, body, req.signal, deadline, timeout);
        if (response.ok) return response.value;
        failure = response.error;
      } catch (err) {
        if (!(err instanceof ConnectionError)) throw err;
        failure = err;
      }
      const status = failure.status;
      const transient = failure instanceof ConnectionError || status === 429 || status >= 500;
      if (!transient || attempt >= maxRetries) throw failure;
      const delay = this.retryDelay(failure.headers, attempt);
      if (Date.now() + delay >= deadline) throw failure;
      await sleep(delay, req.signal);
    }
  }

  async once(url, method, headers, body, signal, deadline, timeout) {
    signal?.throwIfAborted();
    const controller = new AbortController();
    const remaining = deadline - Date.now();
    let timedOut = false;
    const timer = Number.isFinite(remaining)
      ? setTimeout(() => { timedOut = true; controller.abort(); }, Math.max(0, remaining)) : undefined;
    const onAbort = () => controller.abort(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let res;
      let text;
      try {
        res = await this.fetch(url, { method, headers, body, signal: controller.signal });
        text = await res.text();
      } catch (err) {
        if (timedOut) throw new TimeoutError(`${method} ${url.pathname} timed out after ${timeout} ms`, { cause: err });
        if (signal?.aborted) throw signal.reason ?? err;
        throw new ConnectionError(`${method} ${url.pathname} failed: ${err.message}`, { cause: err });
      }
      const responseHeaders = Object.fromEntries(res.headers.entries());
      const requestId = res.headers.get('x-request-id') ?? undefined;
      let parsed;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = undefined;
      }
      if (res.ok) {
        const value = parsed ?? { raw: text };
        if (value && typeof value === 'object') {
          Object.defineProperty(value, '$response', {
            value: { status: res.status, headers: responseHeaders, requestId }, enumerable: false,
          });
        }
        return { ok: true, value };
      }
      const error = parsed?.error ?? {};
      const ErrorClass = errorClassFor(res.status);
      return {
        ok: false,
        error: new ErrorClass(error.message ?? `HTTP ${res.status}`, {
          code: error.code ?? `HTTP_${res.status}`,
          status: res.status,
          requestId: error.requestId ?? requestId,
          details: error.details,
          headers: responseHeaders,
          body: parsed,
        }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Retry-After (seconds or an HTTP date) wins, then X-RateLimit-Reset (epoch seconds), else jittered backoff. */
  retryDelay(headers = {}, attempt) {
    const retryAfter = headers['retry-after'];
    if (retryAfter !== undefined) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(0, ms), this.maxRetryDelay);
    }
    const reset = Number(headers['x-ratelimit-reset']);
    if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
      return Math.min(Math.max(0, reset * 1000 - Date.now()), this.maxRetryDelay);
    }
    const ceiling = Math.min(this.maxRetryDelay, this.retryBaseDelay * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}

/** Resolves after ms, or rejects with the signal's reason when it aborts first. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => { clearTimeout(timer); reject(signal.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

module.exports = { Transport, sleep, VERSION, AgentLaunchpadError };
