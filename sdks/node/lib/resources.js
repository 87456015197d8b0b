'use strict';

// The key, security, system and profile routes; the agent routes are agents.js's, exported from here with them.
const { Agents, LOG_CURSOR } = require('./agents');
const { callOptions } = require('./call-options');
const { Paginator } = require('./paginator');

const enc = encodeURIComponent;

class Auth {
  constructor(transport) { this.t = transport; }

  generateKey(body, options) {
    return this.t.request({ method: 'POST', path: '/api/auth/generate-key', body, ...callOptions(options) });
  }

  listKeys(options) {
    return this.t.request({ method: 'GET', path: '/api/auth/keys', ...callOptions(options) });
  }

  revokeKey(keyId, options) {
    return this.t.request({ method: 'DELETE', path: `/api/auth/keys/${enc(keyId)}`, ...callOptions(options) });
  }
}

class Security {
  constructor(transport) { this.t = transport; }

  scan(agentId, options) {
    return this.t.request({ method: 'POST', path: `/api/security/scan/${enc(agentId)}`, ...callOptions(options) });
  }

  getScan(scanId, options) {
    return this.t.request({ method: 'GET', path: `/api/security/scans/${enc(scanId)}`, ...callOptions(options) });
  }

  /** @param params limit, severity, since, nextToken (the previous page's, bound to the same filters) */
  events(params = {}, options) {
    return this.t.request({ method: 'GET', path: '/api/security/events', query: params, ...callOptions(options) });
  }
}

class System {
  constructor(transport) { this.t = transport; }

  health(options) {
    return this.t.request({ method: 'GET', path: '/api/health', ...callOptions(options) });
  }

  metrics(options) {
    return this.t.request({ method: 'GET', path: '/api/system/metrics', ...callOptions(options) });
  }
}

class Users {
  constructor(transport) { this.t = transport; }

  getProfile(options) {
    return this.t.request({ method: 'GET', path: '/api/users/profile', ...callOptions(options) });
  }

  updateProfile(changes, options) {
    return this.t.request({ method: 'PUT', path: '/api/users/profile', body: changes, ...callOptions(options) });
  }
}

module.exports = { Agents, Auth, Security, System, Users, Paginator, LOG_CURSOR };
