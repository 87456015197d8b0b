'use strict';

// The validator the end-to-end tests rely on: every example in openapi.yaml passes, and it can fail.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { loadSpec, validate } = require('./schema');

const spec = loadSpec();

test('every response example in openapi.yaml matches its schema', () => {
  let checked = 0;
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const media = response.content?.['application/json'];
        if (media?.example === undefined) continue;
        assert.deepEqual(validate(media.schema, media.example), [], `${op.operationId} ${status}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 20, `only ${checked} examples`);
});

test('the validator rejects a wrong answer', () => {
  const schema = spec.paths['/api/agents'].post.responses['202'].content['application/json'].schema;
  assert.deepEqual(validate(schema, { agentId: 'a', status: 'QUEUED', createdAt: 'x' }), []);
  assert.equal(validate(schema, { agentId: 'a', status: 'SLEEPING', createdAt: 'x' }).length, 1);
  assert.equal(validate(schema, { status: 'QUEUED', createdAt: 'x' }).length, 1);
  assert.equal(validate(schema, { agentId: 7, status: 'QUEUED', createdAt: 'x' }).length, 1);
});
