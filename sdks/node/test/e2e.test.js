'use strict';

// The SDK against the running platform; every answer is checked against openapi.yaml.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const sdk = require('..');
const { loadSpec, assertDocumented } = require('./schema');
const { liveTarget, agentBody } = require('./e2e-env');

const target = liveTarget();
const skip = target.skip;
const spec = target.skip ? undefined : loadSpec();
const client = target.skip ? undefined : new sdk.AgentLaunchpadClient({ apiKey: target.apiKey, baseUrl: target.baseUrl });
const created = [];

function documented(operationId, value) {
  assertDocumented(spec, operationId, value.$response.status, value.$response.headers, value);
  return value;
}

async function documentedError(operationId, promise, code) {
  const err = await promise.then(() => assert.fail(`${operationId} should fail with ${code}`), (e) => e);
  assert.ok(err instanceof sdk.AgentLaunchpadError, String(err));
  assert.equal(err.code, code);
  assertDocumented(spec, operationId, err.status, err.headers, err.body);
  assert.equal(err.requestId, err.headers['x-request-id']);
  return err;
}

/**
 * An answer of a route that may rightly refuse here, checked against openapi.yaml either way: the routes that read
 * the cluster answer 409 CONFLICT for an agent not deployed yet and 503 SERVICE_UNAVAILABLE where there is no
 * cluster (the local platform does not serve them yet). Any other refusal fails.
 */
async function documentedOrRefused(operationId, promise) {
  try {
    return documented(operationId, await promise);
  } catch (err) {
    if (!(err instanceof sdk.AgentLaunchpadError) || !['CONFLICT', 'SERVICE_UNAVAILABLE'].includes(err.code)) throw err;
    assertDocumented(spec, operationId, err.status, err.headers, err.body);
    return err;
  }
}

after(async () => {
  for (const agentId of created) await client.agents.delete(agentId).catch(() => {});
});

test('agent lifecycle: create, read, list, change, delete', { skip }, async () => {
  const name = `sdk-node-${Date.now().toString(36)}`;
  const agent = documented('createAgent', await client.agents.create(agentBody(name)));
  created.push(agent.agentId);
  assert.equal(agent.status, 'QUEUED');

  documented('getAgentStatus', await client.agents.getStatus(agent.agentId));
  const detail = documented('getAgent', await client.agents.get(agent.agentId));
  assert.equal(detail.name, name);

  let found = false;
  for await (const page of client.agents.list({ limit: 1 })) {
    documented('listAgents', page);
    if (page.agents.some((a) => a.agentId === agent.agentId)) { found = true; break; }
  }
  assert.ok(found, 'the new agent is listed');

  // The deployer records what it observes while the agent rolls out, which moves the version: as a client should,
  // read it again and retry on CONFLICT.
  let fresh;
  for (let attempt = 0; ; attempt++) {
    fresh = await client.agents.get(agent.agentId);
    try {
      documented('updateAgent', await client.agents.update(agent.agentId, { description: 'changed' },
        { ifMatch: fresh.version }));
      break;
    } catch (e) {
      if (!(e instanceof sdk.ConflictError) || attempt >= 9) throw e;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  await documentedError('scaleAgent', client.agents.scale(agent.agentId, 2, { ifMatch: fresh.version }), 'CONFLICT');
  documented('scaleAgent', await client.agents.scale(agent.agentId, 2));
  documented('restartAgent', await client.agents.restart(agent.agentId));
  documented('deleteAgent', await client.agents.delete(agent.agentId));
});

test('a create replayed with the same Idempotency-Key answers the same agent', { skip }, async () => {
  const key = randomUUID();
  const body = agentBody(`sdk-node-idem-${Date.now().toString(36)}`);
  const first = await client.agents.create(body, { idempotencyKey: key });
  created.push(first.agentId);
  const replay = documented('createAgent', await client.agents.create(body, { idempotencyKey: key }));
  assert.equal(replay.agentId, first.agentId);
  assert.equal(replay.$response.headers['idempotent-replayed'], 'true');
});

test('errors are typed and documented', { skip }, async () => {
  await documentedError('getAgentStatus', client.agents.getStatus('agent-does-not-exist'), 'AGENT_NOT_FOUND');
  const err = await documentedError('createAgent', client.agents.create({ agentName: 'Not A Label' }),
    'VALIDATION_ERROR');
  assert.ok(err.details.some((d) => d.field === 'agentName'));
  const anonymous = new sdk.AgentLaunchpadClient({ apiKey: 'alk_not_a_key', baseUrl: target.baseUrl });
  await documentedError('listAgents', anonymous.agents.list(), 'INVALID_API_KEY');
});

test('identity, monitoring, security and system routes answer as documented', { skip }, async () => {
  const once = { maxRetries: 0 }; // a 503 here is an answer to check, not a reason to wait
  await documentedOrRefused('getHealth', client.system.health(once));
  await documentedOrRefused('getSystemMetrics', client.system.metrics(once));
  documented('getUserProfile', await client.users.getProfile());
  documented('listKeys', await client.auth.listKeys());
  await documentedOrRefused('listSecurityEvents', client.security.events({ limit: 5 }, once));
  const agent = await client.agents.create(agentBody(`sdk-node-mon-${Date.now().toString(36)}`));
  created.push(agent.agentId);
  await documentedOrRefused('getAgentMetrics', client.agents.metrics(agent.agentId, once));
  await documentedOrRefused('getAgentLogs', client.agents.logs(agent.agentId, { lines: 10 }, once));
  await documentedOrRefused('scanAgent', client.security.scan(agent.agentId, once));
});

test('messages: an agent with no running process answers CONFLICT, a missing one AGENT_NOT_FOUND', { skip }, async () => {
  // The simulated runtime (and a real one before the agent is up) runs no agent process: there is nobody to answer.
  const agent = await client.agents.create(agentBody(`sdk-node-msg-${Date.now().toString(36)}`));
  created.push(agent.agentId);
  const sent = await documentedError('sendAgentMessage',
    client.agents.sendMessage(agent.agentId, 'Hello, agent', { userId: 'e2e-user' }), 'CONFLICT');
  assert.ok(sent instanceof sdk.ConflictError);
  await documentedError('listAgentMessages', client.agents.listMessages(agent.agentId, { limit: 5 }), 'CONFLICT');
  await documentedError('sendAgentMessage', client.agents.sendMessage('agent-does-not-exist', 'Hello'),
    'AGENT_NOT_FOUND');
});
