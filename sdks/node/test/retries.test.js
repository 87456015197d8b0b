'use strict';

// Which calls the SDK repeats (and after how long), when it gives up, and how a call ends without an answer.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { peerPerTest, apiError, created } = require('./peer');
const sdk = require('..');

const { AgentLaunchpadClient } = sdk;
let peer;
let client;
peerPerTest((p, c) => { peer = p; client = c; });

test('a create retried after 503 reuses its Idempotency-Key and honours Retry-After', async () => {
  peer.answer(apiError(503, 'SERVICE_UNAVAILABLE', { headers: { 'Retry-After': '1' } }), created);
  const agent = await client.agents.create({ agentName: 'a' }, { idempotencyKey: undefined });

  assert.equal(agent.agentId, 'agent-1');
  assert.equal(peer.requests.length, 2);
  assert.equal(peer.requests[0].headers['idempotency-key'], peer.requests[1].headers['idempotency-key']);
  const waited = peer.requests[1].at - peer.requests[0].at;
  assert.ok(waited >= 950, `waited ${waited} ms, Retry-After said 1 s`);
});

test('429 waits until X-RateLimit-Reset when there is no Retry-After', async () => {
  const reset = Math.ceil(Date.now() / 1000) + 1;
  peer.answer(apiError(429, 'RESOURCE_LIMIT_EXCEEDED', { headers: {
    'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) } }),
  { body: { agentId: 'agent-1', status: 'DEPLOYED' } });
  const status = await client.agents.getStatus('agent-1');

  assert.equal(status.status, 'DEPLOYED');
  assert.ok(peer.requests[1].at >= reset * 1000 - 50, 'retried before the window reset');
});

test('non-idempotent POSTs are not retried', async () => {
  peer.answer(apiError(503, 'SERVICE_UNAVAILABLE'));
  await assert.rejects(client.agents.restart('agent-1'), (e) => e instanceof sdk.ServerError && e.status === 503);
  assert.equal(peer.requests.length, 1);
  assert.equal(peer.requests[0].headers['idempotency-key'], undefined);
});

test('retries stop after maxRetries and surface the last error', async () => {
  peer.always(apiError(500, 'INTERNAL_ERROR'));
  await assert.rejects(client.agents.get('agent-1', { maxRetries: 2 }), { code: 'INTERNAL_ERROR', status: 500 });
  assert.equal(peer.requests.length, 3);
});

test('a per-call timeout rejects with TimeoutError', async () => {
  peer.answer({ hang: true });
  const started = Date.now();
  await assert.rejects(client.agents.get('agent-1', { timeout: 200 }), sdk.TimeoutError);
  assert.ok(Date.now() - started < 2000);
});

test('an abort signal stops the call with its reason, and is not retried', async () => {
  peer.answer({ hang: true });
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('user gave up')), 100);
  await assert.rejects(client.agents.get('agent-1', { signal: controller.signal }), /user gave up/);
  assert.equal(peer.requests.length, 1);
});

test('an abort during a retry wait stops the wait', async () => {
  peer.answer(apiError(503, 'SERVICE_UNAVAILABLE', { headers: { 'Retry-After': '20' } }));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  await assert.rejects(client.agents.get('agent-1', { signal: controller.signal }), { name: 'AbortError' });
  assert.ok(Date.now() - started < 2000);
});

test('a refused connection is a ConnectionError after retries', async () => {
  const dead = new AgentLaunchpadClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', retryBaseDelay: 1, maxRetries: 1 });
  await assert.rejects(dead.agents.get('a'), sdk.ConnectionError);
});
