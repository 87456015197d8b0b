'use strict';

const errors = require('./errors');
const { Transport, VERSION } = require('./transport');
const { Agents, Auth, Security, System, Users, Paginator, LOG_CURSOR } = require('./resources');
const { IdentityLinks } = require('./identity-links');

/**
 * The Agent Launchpad API client.
 *
 *   const client = new AgentLaunchpadClient({ apiKey, baseUrl: 'http://localhost:8080' });
 *
 * Options: apiKey (X-API-Key) or accessToken (bearer JWT), baseUrl, timeout (ms per call, retries included),
 * maxRetries, retryBaseDelay, maxRetryDelay (ms), fetch (a fetch implementation; the global one by default).
 */
class AgentLaunchpadClient {
  constructor(options = {}) {
    const transport = new Transport(options);
    Object.defineProperty(this, 'transport', { value: transport, enumerable: false });
    this.agents = new Agents(transport);
    this.auth = new Auth(transport);
    this.security = new Security(transport);
    this.system = new System(transport);
    this.users = new Users(transport);
    this.identityLinks = new IdentityLinks(transport);
  }
}

module.exports = { AgentLaunchpadClient, Paginator, LOG_CURSOR, VERSION, ...errors };
