// ESM and CommonJS load the same classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { AgentLaunchpadClient, ValidationError } from '@agent-launchpad/sdk';

const require = createRequire(import.meta.url);

test('import and require give the same client', () => {
  const cjs = require('@agent-launchpad/sdk');
  assert.equal(cjs.AgentLaunchpadClient, AgentLaunchpadClient);
  assert.equal(cjs.ValidationError, ValidationError);
  const client = new AgentLaunchpadClient({ apiKey: 'k', baseUrl: 'http://localhost:8080' });
  assert.equal(typeof client.agents.waitUntilDeployed, 'function');
});
