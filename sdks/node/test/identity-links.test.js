'use strict';

// The identity-link calls against a peer server: what they send, and how a refusal reads.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { peerPerTest, apiError } = require('./peer');
const { ConflictError } = require('..');

let peer;
let client;
peerPerTest((p, c) => { peer = p; client = c; });

test('link, list (every page) and unlink send their requests', async () => {
  peer.answer({ status: 201, body: { linkId: 'link-1', userId: 'user-d', username: 'dave' } },
    { status: 200, body: { links: [{ linkId: 'link-1' }], limit: 1, nextToken: 't1' } },
    { status: 200, body: { links: [{ linkId: 'link-2' }], limit: 1, nextToken: null } },
    { status: 200, body: { linkId: 'link-1', unlinked: true } });

  const link = await client.identityLinks.link({ issuer: 'https://sso.example', subject: '00u1', username: 'dave' });
  const ids = [];
  for await (const l of client.identityLinks.list({ limit: 1 }).items()) ids.push(l.linkId);
  const gone = await client.identityLinks.unlink('link-1');

  assert.equal(link.$response.status, 201);
  assert.equal(link.userId, 'user-d');
  assert.deepEqual(ids, ['link-1', 'link-2']);
  assert.equal(gone.unlinked, true);
  assert.deepEqual(peer.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`), [
    'POST /api/users/links {}', 'GET /api/users/links {"limit":"1"}',
    'GET /api/users/links {"limit":"1","nextToken":"t1"}', 'DELETE /api/users/links/link-1 {}']);
  assert.deepEqual(peer.requests[0].body, { issuer: 'https://sso.example', subject: '00u1', username: 'dave' });
});

test('a conflict is a ConflictError and is not retried', async () => {
  peer.answer(apiError(409, 'CONFLICT'));
  await assert.rejects(client.identityLinks.link({ issuer: 'i', subject: 's', username: 'dave' }),
    (e) => e instanceof ConflictError && e.code === 'CONFLICT');
  assert.equal(peer.requests.length, 1);
});
