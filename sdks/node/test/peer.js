'use strict';

// A small HTTP server answering like the API: each test queues the answers and then reads what the SDK sent.
const http = require('node:http');
const { beforeEach, afterEach } = require('node:test');
const { AgentLaunchpadClient } = require('..');

async function startPeer() {
  const requests = [];
  const answers = [];
  let fallback = () => ({ status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'no answer queued' } } });
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', async () => {
      const url = new URL(req.url, 'http://peer');
      const seen = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams),
        headers: req.headers, body: raw ? JSON.parse(raw) : undefined, at: Date.now() };
      requests.push(seen);
      const answer = await (answers.shift() ?? fallback)(seen);
      if (answer.hang) return; // never answer: for timeouts and aborts
      const requestId = `req-${++seq}`;
      let body = answer.body;
      if (body?.error && !body.error.requestId) body = { error: { requestId, ...body.error } };
      res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', 'X-Request-Id': requestId,
        ...(answer.headers ?? {}) });
      res.end(body === undefined ? '' : JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    answer(...fns) { answers.push(...fns.map((f) => (typeof f === 'function' ? f : () => f))); },
    always(fn) { fallback = typeof fn === 'function' ? fn : () => fn; },
    reset() { requests.length = 0; answers.length = 0; },
    close() { server.closeAllConnections(); return new Promise((r) => server.close(r)); },
  };
}

function apiError(status, code, extra = {}) {
  return { status, body: { error: { code, message: `${code} happened`, timestamp: new Date().toISOString(), ...extra } },
    headers: extra.headers };
}

const created = { status: 202, body: { agentId: 'agent-1', status: 'QUEUED', createdAt: '2024-01-15T10:30:00Z' } };

/**
 * A fresh peer and a client of it per test of the calling file, handed to `use`: a request a previous test abandoned
 * (timeouts, aborts) must not land in this one's log. The base URL ends in a slash, which the client drops.
 */
function peerPerTest(use) {
  let peer;
  beforeEach(async () => {
    peer = await startPeer();
    use(peer, new AgentLaunchpadClient({ apiKey: 'alk_test', baseUrl: `${peer.url}/`, retryBaseDelay: 10 }));
  });
  afterEach(() => peer.close());
}

module.exports = { startPeer, peerPerTest, apiError, created };
