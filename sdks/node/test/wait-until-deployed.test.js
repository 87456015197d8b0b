'use strict';

// waitUntilDeployed: the held status request, progress and timeline callbacks, FAILED and the timeout.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { peerPerTest } = require('./peer');
const sdk = require('..');

let peer;
let client;
peerPerTest((p, c) => { peer = p; client = c; });

test('waitUntilDeployed reports progress and resolves on DEPLOYED', async () => {
  peer.answer({ body: { agentId: 'a', status: 'QUEUED' } }, { body: { agentId: 'a', status: 'DEPLOYING' } },
    { body: { agentId: 'a', status: 'DEPLOYED', url: 'https://a.agents' } });
  const seen = [];
  const status = await client.agents.waitUntilDeployed('a', { interval: 10, onProgress: (s) => seen.push(s.status) });

  assert.equal(status.url, 'https://a.agents');
  assert.deepEqual(seen, ['QUEUED', 'DEPLOYING', 'DEPLOYED']);
});

test('waitUntilDeployed asks the API to hold the answer until DEPLOYED, within its own deadline', async () => {
  peer.answer({ body: { agentId: 'a', status: 'DEPLOYED' } });
  await client.agents.waitUntilDeployed('a', { timeout: 600_000 });

  assert.equal(peer.requests[0].path, '/api/agents/a/status');
  assert.deepEqual(peer.requests[0].query, { waitFor: 'DEPLOYED', timeout: '20s' });
});

test('waitUntilDeployed reports each new timeline entry of the rollout once, oldest first', async () => {
  const entry = (id, revision, type, message) => ({ id, timestamp: '2024-01-15T10:30:00Z', revision, type, message });
  peer.answer({ body: { agentId: 'a', status: 'DEPLOYING' } },
    { body: { agentId: 'a', events: [entry('3', 2, 'SCAN_PASSED', 'scan passed'), entry('2', 2, 'QUEUED', 'queued'),
      entry('1', 1, 'DEPLOYED', 'an older rollout')] } },
    { body: { agentId: 'a', status: 'DEPLOYED' } },
    { body: { agentId: 'a', events: [entry('5', 2, 'DEPLOYED', '2/2 replicas ready: DEPLOYED'),
      entry('4', 2, 'REPLICAS_READY', '1/2 replicas ready'), entry('3', 2, 'SCAN_PASSED', 'scan passed'),
      entry('2', 2, 'QUEUED', 'queued')] } });
  const told = [];
  await client.agents.waitUntilDeployed('a', { interval: 10, onEvent: (e) => told.push(e.message) });

  assert.deepEqual(told, ['queued', 'scan passed', '1/2 replicas ready', '2/2 replicas ready: DEPLOYED']);
  assert.deepEqual(peer.requests.map((r) => r.path), ['/api/agents/a/status', '/api/agents/a/events',
    '/api/agents/a/status', '/api/agents/a/events']);
});

test('waitUntilDeployed rejects with the reason on FAILED', async () => {
  peer.answer({ body: { agentId: 'a', status: 'FAILED', reason: 'ImagePullBackOff' } });
  await assert.rejects(client.agents.waitUntilDeployed('a', { interval: 10 }),
    (e) => e instanceof sdk.DeploymentFailedError && e.reason === 'ImagePullBackOff' && e.agentId === 'a');
});

test('waitUntilDeployed times out', async () => {
  peer.always({ body: { agentId: 'a', status: 'DEPLOYING' } });
  await assert.rejects(client.agents.waitUntilDeployed('a', { interval: 20, timeout: 150 }), sdk.TimeoutError);
});
