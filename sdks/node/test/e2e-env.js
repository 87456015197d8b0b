'use strict';

// The end-to-end suites run against a live platform: LAUNCHPAD_URL and LAUNCHPAD_API_KEY, or they are skipped.
const URL_VAR = 'LAUNCHPAD_URL';
const KEY_VAR = 'LAUNCHPAD_API_KEY';

function liveTarget() {
  const baseUrl = process.env[URL_VAR];
  const apiKey = process.env[KEY_VAR];
  if (!baseUrl || !apiKey) {
    const skip = `end-to-end tests skipped: set ${URL_VAR} (e.g. http://localhost:8080) and ${KEY_VAR}`;
    console.log(`# SKIPPED: ${skip}`);
    return { skip };
  }
  return { baseUrl, apiKey, skip: false };
}

/** A create body the platform accepts: the seed's fields and a personality (required). */
function agentBody(agentName) {
  return {
    agentName,
    description: 'SDK end-to-end test agent',
    personality: { system: 'You are a test agent.', bio: ['I exist to be tested'], adjectives: ['brief'] },
    resources: { memory: '512Mi', cpu: '250m', replicas: 1 },
  };
}

module.exports = { liveTarget, agentBody };
