'use strict';

const { callOptions } = require('./call-options');
const { Paginator } = require('./paginator');

/**
 * Links of token identities (issuer + sub) to existing users: admin only. A linked token acts as the user (keys,
 * agents, limits) with the role of its own groups; nothing is moved by a link or an unlink.
 */
class IdentityLinks {
  constructor(transport) { this.t = transport; }

  /** @param body { issuer, subject, username }; ConflictError when already linked or the identity owns things. */
  link(body, options) {
    return this.t.request({ method: 'POST', path: '/api/users/links', body, ...callOptions(options) });
  }

  /** @returns {Paginator} every link; limit as in the API; nextToken to resume. */
  list(params = {}, options = {}) {
    const { nextToken: first, ...query } = params;
    return new Paginator((token) => this.t.request({ method: 'GET', path: '/api/users/links',
      query: { ...query, nextToken: token ?? first }, ...callOptions(options) }), 'links');
  }

  /** The identity is its own user again from its next request. */
  unlink(linkId, options) {
    return this.t.request({ method: 'DELETE', path: `/api/users/links/${encodeURIComponent(linkId)}`,
      ...callOptions(options) });
  }
}

module.exports = { IdentityLinks };
