'use strict';

const { DeploymentFailedError, TimeoutError } = require('./errors');
const { sleep } = require('./transport');

const enc = encodeURIComponent;

/** The longest the API holds a status request; the wait asks for less when less time is left. */
const MAX_WAIT_SECONDS = 20;

/**
 * A function answering the timeline entries not seen before, oldest first; the first call keeps only the latest
 * revision's (the rollout being waited for), not the agent's whole history.
 */
function newEntries(agents, agentId, signal) {
  const seen = new Set();
  let revision = null;
  return async () => {
    const page = await agents.events(agentId, { limit: 50 }, { signal });
    const entries = page.events ?? [];
    if (revision === null) revision = entries.length ? entries[0].revision : 0;
    const fresh = entries.filter((e) => !seen.has(e.id) && e.revision >= revision).reverse();
    fresh.forEach((e) => seen.add(e.id));
    return fresh;
  };
}

/**
 * `agents.waitUntilDeployed`: long-polls the status (`?waitFor=DEPLOYED`), falls back to polling every `interval`
 * when the API answers at once, and hands each new timeline entry to `onEvent`.
 */
async function waitUntilDeployed(agents, transport, agentId, options = {}) {
  const { timeout = 600_000, interval = 5_000, onProgress, onEvent, signal } = options;
  const deadline = Date.now() + timeout;
  const timeline = onEvent ? newEntries(agents, agentId, signal) : null;
  for (;;) {
    const left = deadline - Date.now();
    const waitSeconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.floor((left - 2_000) / 1_000)));
    const asked = Date.now();
    const status = await transport.request({ method: 'GET', path: `/api/agents/${enc(agentId)}/status`,
      query: { waitFor: 'DEPLOYED', timeout: `${waitSeconds}s` }, signal, timeout: Math.max(1, left) });
    if (timeline) {
      for (const entry of await timeline()) await onEvent(entry);
    }
    if (onProgress) await onProgress(status);
    if (status.status === 'DEPLOYED') return status;
    if (status.status === 'FAILED') {
      throw new DeploymentFailedError(`Agent ${agentId} failed: ${status.reason ?? 'no reason given'}`,
        { agentId, reason: status.reason, status: undefined });
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TimeoutError(`Agent ${agentId} not DEPLOYED after ${timeout} ms (last status ${status.status})`,
        { code: 'WAIT_TIMEOUT' });
    }
    if (Date.now() - asked < (waitSeconds - 1) * 1_000) {
      // answered before its wait was over without being there: an API that does not wait; poll instead
      await sleep(Math.min(interval, remaining), signal);
    }
  }
}

module.exports = { waitUntilDeployed };
