'use strict';

// The seed's Node.js SDK example, as written, with a real key and the local URL ("... other options" filled in
// with the one more field the platform requires, a personality).
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { liveTarget } = require('./e2e-env');

const target = liveTarget();
let cleanup;

after(async () => { if (cleanup) await cleanup(); });

test('the seed Node.js snippet runs', { skip: target.skip }, async () => {
  // --- from the API reference, "Node.js SDK" ---
  const { AgentLaunchpadClient } = require('@agent-launchpad/sdk');

  const client = new AgentLaunchpadClient({
    apiKey: process.env.LAUNCHPAD_API_KEY,
    baseUrl: process.env.LAUNCHPAD_URL
  });

  // Create agent
  const agent = await client.agents.create({
    agentName: 'my-bot',
    description: 'My AI bot',
    personality: { bio: 'I am a bot' }
  });

  // Get status
  const status = await client.agents.getStatus(agent.agentId);
  // --- end of the snippet ---

  cleanup = () => client.agents.delete(agent.agentId).catch(() => {});
  assert.equal(status.agentId, agent.agentId);
  assert.ok(['QUEUED', 'DEPLOYING', 'DEPLOYED'].includes(status.status));
});
