'use strict';

// sendMessage and listMessages against a peer server started here: the request they make, how the API's refusals
// surface, and the arguments refused before any request.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { peerPerTest, apiError } = require('./peer');
const sdk = require('..');

let peer;
let client;
peerPerTest((p, c) => { peer = p; client = c; });

const reply = { agentId: 'agent-1', userId: 'user-7', reply: { text: 'Hi!', actions: ['REPLY'] },
  timestamp: '2026-12-03T14:00:00Z' };

test('sendMessage posts the content and userId as JSON and resolves with the reply', async () => {
  peer.answer({ body: reply });
  const answer = await client.agents.sendMessage('agent 1', 'Hello\nthere', { userId: 'user-7' });

  assert.deepEqual(answer, reply);
  assert.equal(answer.$response.status, 200);
  const [req] = peer.requests;
  assert.equal(`${req.method} ${req.path}`, 'POST /api/agents/agent%201/messages');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.headers['x-api-key'], 'alk_test');
  assert.equal(req.headers['idempotency-key'], undefined, 'a message is not a create: no replay key');
  assert.deepEqual(req.body, { content: 'Hello\nthere', userId: 'user-7' });
});

test('sendMessage without userId leaves it to the API (the caller)', async () => {
  peer.answer({ body: reply });
  await client.agents.sendMessage('agent-1', 'Hello');
  assert.deepEqual(peer.requests[0].body, { content: 'Hello' });
});

test('listMessages sends limit and userId as the query', async () => {
  const conversation = { agentId: 'agent-1', userId: 'user-7', messages: [
    { role: 'user', text: 'Hello', timestamp: '2026-12-03T14:00:00Z' },
    { role: 'agent', text: 'Hi!', timestamp: '2026-12-03T14:00:01Z' }] };
  peer.answer({ body: conversation }, { body: conversation });
  const answer = await client.agents.listMessages('agent-1', { limit: 5, userId: 'user-7' });
  await client.agents.listMessages('agent-1');

  assert.deepEqual(answer.messages.map((m) => m.role), ['user', 'agent']);
  assert.deepEqual(peer.requests.map((r) => [r.method, r.path, r.query]), [
    ['GET', '/api/agents/agent-1/messages', { limit: '5', userId: 'user-7' }],
    ['GET', '/api/agents/agent-1/messages', {}]]);
});

test('an agent that is not running is a ConflictError with code CONFLICT, not retried', async () => {
  peer.always(apiError(409, 'CONFLICT', { message: 'Agent agent-1 is not running (status DEPLOYING)' }));
  const err = await client.agents.sendMessage('agent-1', 'Hello').catch((e) => e);

  assert.ok(err instanceof sdk.ConflictError, String(err));
  assert.equal(err.code, 'CONFLICT');
  assert.equal(err.status, 409);
  assert.match(err.message, /not running/);
  assert.equal(peer.requests.length, 1);
  await assert.rejects(client.agents.listMessages('agent-1'), { name: 'ConflictError', code: 'CONFLICT' });
});

test('no reply in time is a ServerError GATEWAY_TIMEOUT; a send is not repeated', async () => {
  peer.always(apiError(504, 'GATEWAY_TIMEOUT'));
  const err = await client.agents.sendMessage('agent-1', 'Hello').catch((e) => e);

  assert.ok(err instanceof sdk.ServerError, String(err));
  assert.equal(err.code, 'GATEWAY_TIMEOUT');
  assert.equal(err.status, 504);
  assert.match(err.requestId, /^req-/);
  assert.equal(peer.requests.length, 1, 'a message sent twice would be two messages');
});

test('listMessages is a read: retried on 504 like every GET, then surfaces the code', async () => {
  peer.always(apiError(504, 'GATEWAY_TIMEOUT'));
  await assert.rejects(client.agents.listMessages('agent-1', {}, { maxRetries: 1 }),
    (e) => e instanceof sdk.ServerError && e.code === 'GATEWAY_TIMEOUT' && e.status === 504);
  assert.equal(peer.requests.length, 2);
});

test('bad arguments are refused before any request, naming the field', async () => {
  const cases = [
    [() => client.agents.sendMessage('', 'hi'), 'agentId'],
    [() => client.agents.sendMessage(undefined, 'hi'), 'agentId'],
    [() => client.agents.sendMessage('agent-1', ''), 'content'],
    [() => client.agents.sendMessage('agent-1', 42), 'content'],
    [() => client.agents.sendMessage('agent-1', 'a'.repeat(4001)), 'content'],
    [() => client.agents.sendMessage('agent-1', 'bell\u0007'), 'content'],
    [() => client.agents.sendMessage('agent-1', 'esc\u001b[2J'), 'content'],
    [() => client.agents.sendMessage('agent-1', 'c1\u0085'), 'content'],
    [() => client.agents.sendMessage('agent-1', 'hi', { userId: 'has space' }), 'userId'],
    [() => client.agents.sendMessage('agent-1', 'hi', { userId: 'u'.repeat(65) }), 'userId'],
    [() => client.agents.sendMessage('agent-1', 'hi', { userId: 7 }), 'userId'],
    [() => client.agents.listMessages('agent-1', { limit: 0 }), 'limit'],
    [() => client.agents.listMessages('agent-1', { limit: 101 }), 'limit'],
    [() => client.agents.listMessages('agent-1', { limit: 2.5 }), 'limit'],
    [() => client.agents.listMessages('agent-1', { limit: '5' }), 'limit'],
    [() => client.agents.listMessages('agent-1', { userId: 'a/b' }), 'userId'],
  ];
  for (const [call, field] of cases) {
    const err = await call().catch((e) => e);
    assert.ok(err instanceof sdk.ValidationError, `${call}: ${err}`);
    assert.equal(err.code, 'VALIDATION_ERROR');
    assert.deepEqual(err.details.map((d) => d.field), [field], String(call));
  }
  assert.equal(peer.requests.length, 0);
});

test('the limits are inclusive: 4000 characters (an emoji is one), \\n \\r \\t, 64-character userId, limit 1 and 100', async () => {
  peer.always({ body: reply });
  await client.agents.sendMessage('agent-1', '\uD83E\uDD16'.repeat(4000));
  await client.agents.sendMessage('agent-1', 'a\tb\r\nc', { userId: `${'u'.repeat(60)}.@_-` });
  await client.agents.listMessages('agent-1', { limit: 1 });
  await client.agents.listMessages('agent-1', { limit: 100 });
  assert.equal(peer.requests.length, 4);
});
