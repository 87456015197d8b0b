'use strict';

// The SDK against a peer server started here: asserts on what the SDK sends and how it reads the answers.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { peerPerTest, apiError, created } = require('./peer');
const sdk = require('..');

const { AgentLaunchpadClient } = sdk;
let peer;
let client;
peerPerTest((p, c) => { peer = p; client = c; });

test('create sends the key, JSON and a generated Idempotency-Key', async () => {
  peer.answer(created);
  const agent = await client.agents.create({ agentName: 'my-bot', description: 'My AI bot' });

  assert.equal(agent.agentId, 'agent-1');
  assert.equal(agent.$response.status, 202);
  const [req] = peer.requests;
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/api/agents');
  assert.equal(req.headers['x-api-key'], 'alk_test');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.match(req.headers['idempotency-key'], /^[0-9a-f-]{36}$/);
  assert.deepEqual(req.body, { agentName: 'my-bot', description: 'My AI bot' });
});

test('two creates get two Idempotency-Keys', async () => {
  peer.answer(created, created);
  await client.agents.create({ agentName: 'a' });
  await client.agents.create({ agentName: 'a' });
  assert.notEqual(peer.requests[0].headers['idempotency-key'], peer.requests[1].headers['idempotency-key']);
});

test('a caller-chosen Idempotency-Key is sent as is', async () => {
  peer.answer(created);
  await client.agents.create({ agentName: 'a' }, { idempotencyKey: 'mine-1' });
  assert.equal(peer.requests[0].headers['idempotency-key'], 'mine-1');
});

test('errors carry code, status, requestId and details, as their typed class', async () => {
  const details = [{ field: 'resources.memory', message: 'must be a Kubernetes memory quantity' }];
  peer.answer(apiError(400, 'VALIDATION_ERROR', { details }));
  const err = await client.agents.create({ agentName: 'a' }).catch((e) => e);

  assert.ok(err instanceof sdk.ValidationError);
  assert.ok(err instanceof sdk.AgentLaunchpadError);
  assert.equal(err.code, 'VALIDATION_ERROR');
  assert.equal(err.status, 400);
  assert.match(err.requestId, /^req-/);
  assert.deepEqual(err.details, details);
  assert.equal(peer.requests.length, 1, '4xx is not retried');
});

test('each status maps to its error class', async () => {
  const cases = [[401, 'INVALID_API_KEY', sdk.AuthenticationError], [403, 'INSUFFICIENT_PERMISSIONS', sdk.PermissionError],
    [404, 'AGENT_NOT_FOUND', sdk.NotFoundError], [409, 'CONFLICT', sdk.ConflictError],
    [422, 'SECURITY_SCAN_FAILED', sdk.AgentLaunchpadError]];
  for (const [status, code, cls] of cases) {
    peer.answer(apiError(status, code));
    const err = await client.agents.scale('agent-1', 2).catch((e) => e);
    assert.ok(err instanceof cls, `${status} gives ${cls.name}`);
    assert.equal(err.code, code);
  }
});

test('update, scale, restart and delete send If-Match quoted', async () => {
  peer.always({ status: 202, body: { agentId: 'agent-1', status: 'UPDATING' } });
  await client.agents.update('agent-1', { description: 'd' }, { ifMatch: 3 });
  await client.agents.scale('agent-1', 2, { ifMatch: '"4"' });
  await client.agents.restart('agent-1', { ifMatch: 5 });
  await client.agents.delete('agent-1');

  assert.deepEqual(peer.requests.map((r) => [r.method, r.path, r.headers['if-match']]), [
    ['PUT', '/api/agents/agent-1', '"3"'], ['POST', '/api/agents/agent-1/scale', '"4"'],
    ['POST', '/api/agents/agent-1/restart', '"5"'], ['DELETE', '/api/agents/agent-1', undefined]]);
  assert.deepEqual(peer.requests[1].body, { replicas: 2 });
});

test('revisions: listRevisions pages by nextToken, getRevision reads one, rollback sends the number and If-Match', async () => {
  peer.answer(
    { status: 200, body: { agentId: 'agent-1', currentRevision: 3, revisions: [{ revision: 3 }, { revision: 2 }], limit: 2, nextToken: 't2' } },
    { status: 200, body: { agentId: 'agent-1', currentRevision: 3, revisions: [{ revision: 1 }], limit: 2 } },
    { status: 200, body: { agentId: 'agent-1', revision: 1, spec: { name: 'a' } } },
    { status: 202, body: { agentId: 'agent-1', status: 'UPDATING' } });

  const seen = [];
  for await (const r of client.agents.listRevisions('agent-1', { limit: 2 }).items()) seen.push(r.revision);
  const one = await client.agents.getRevision('agent-1', 1);
  const rolled = await client.agents.rollback('agent-1', 1, { ifMatch: 7 });

  assert.deepEqual(seen, [3, 2, 1]);
  assert.equal(one.revision, 1);
  assert.equal(rolled.status, 'UPDATING');
  assert.deepEqual(peer.requests.map((r) => [r.method, r.path, r.query, r.headers['if-match']]), [
    ['GET', '/api/agents/agent-1/revisions', { limit: '2' }, undefined],
    ['GET', '/api/agents/agent-1/revisions', { limit: '2', nextToken: 't2' }, undefined],
    ['GET', '/api/agents/agent-1/revisions/1', {}, undefined],
    ['POST', '/api/agents/agent-1/rollback', {}, '"7"']]);
  assert.deepEqual(peer.requests[3].body, { revision: 1 });
});

test('list iterates pages by nextToken, keeping the filters', async () => {
  peer.answer(
    { body: { agents: [{ agentId: 'a1' }, { agentId: 'a2' }], total: 3, limit: 2, offset: 0, nextToken: 't1' } },
    { body: { agents: [{ agentId: 'a3' }], total: 3, limit: 2, offset: 2 } });
  const ids = [];
  for await (const agent of client.agents.list({ limit: 2, status: 'DEPLOYED' }).items()) ids.push(agent.agentId);

  assert.deepEqual(ids, ['a1', 'a2', 'a3']);
  assert.deepEqual(peer.requests.map((r) => r.query), [
    { limit: '2', status: 'DEPLOYED' }, { limit: '2', status: 'DEPLOYED', nextToken: 't1' }]);
});

test('awaiting list gives the first page only', async () => {
  peer.answer({ body: { agents: [{ agentId: 'a1' }], total: 2, limit: 1, offset: 0, nextToken: 't1' } });
  const page = await client.agents.list({ limit: 1 });
  assert.equal(page.nextToken, 't1');
  assert.equal(peer.requests.length, 1);
});

test('logs with follow iterate lines across long-polls by cursor', async () => {
  const line = (m) => ({ timestamp: '2024-01-15T13:20:00Z', level: 'INFO', message: m });
  peer.answer(
    { body: { logs: [line('one'), line('two')], totalLines: 2, truncated: false, [sdk.LOG_CURSOR]: 'c1' } },
    { body: { logs: [], totalLines: 0, truncated: false, [sdk.LOG_CURSOR]: 'c2' } },
    { body: { logs: [line('three')], totalLines: 1, truncated: false } });
  const seen = [];
  for await (const entry of client.agents.logs('agent-1', { follow: true, lines: 50, since: '1h' })) seen.push(entry.message);

  assert.deepEqual(seen, ['one', 'two', 'three']);
  assert.deepEqual(peer.requests.map((r) => r.query), [
    { lines: '50', since: '1h', follow: 'true' },
    { lines: '50', follow: 'true', [sdk.LOG_CURSOR]: 'c1' },
    { lines: '50', follow: 'true', [sdk.LOG_CURSOR]: 'c2' }]);
});

test('logs without follow is one call', async () => {
  peer.answer({ body: { agentId: 'agent-1', logs: [], totalLines: 0, truncated: false } });
  const logs = await client.agents.logs('agent-1', { lines: 10 });
  assert.equal(logs.totalLines, 0);
  assert.deepEqual(peer.requests[0].query, { lines: '10' });
});

test('events reads a page of the timeline', async () => {
  peer.answer({ body: { agentId: 'a', events: [], limit: 5 } });
  await client.agents.events('a', { limit: 5, nextToken: 'abc' });

  assert.equal(peer.requests[0].path, '/api/agents/a/events');
  assert.deepEqual(peer.requests[0].query, { limit: '5', nextToken: 'abc' });
});

test('the other resources call their routes', async () => {
  peer.always((req) => ({ status: 200, body: { ok: req.method } }));
  await client.auth.generateKey({ username: 'admin', email: 'a@b.c', role: 'ADMIN' });
  await client.auth.listKeys();
  await client.auth.revokeKey('key 1');
  await client.security.scan('agent-1');
  await client.security.getScan('scan-1');
  await client.security.events({ severity: 'HIGH', limit: 5 });
  await client.system.health();
  await client.system.metrics();
  await client.users.getProfile();
  await client.users.updateProfile({ email: 'n@b.c' });
  await client.agents.metrics('agent-1');

  assert.deepEqual(peer.requests.map((r) => `${r.method} ${r.path}`), [
    'POST /api/auth/generate-key', 'GET /api/auth/keys', 'DELETE /api/auth/keys/key%201',
    'POST /api/security/scan/agent-1', 'GET /api/security/scans/scan-1', 'GET /api/security/events',
    'GET /api/health', 'GET /api/system/metrics', 'GET /api/users/profile', 'PUT /api/users/profile',
    'GET /api/agents/agent-1/metrics']);
  assert.deepEqual(peer.requests[5].query, { severity: 'HIGH', limit: '5' });
});

test('a bearer token is sent as Authorization', async () => {
  peer.answer({ body: {} });
  const jwtClient = new AgentLaunchpadClient({ accessToken: 'eyJ.x.y', baseUrl: peer.url });
  await jwtClient.users.getProfile();
  assert.equal(peer.requests[0].headers.authorization, 'Bearer eyJ.x.y');
  assert.equal(peer.requests[0].headers['x-api-key'], undefined);
});
