'use strict';

/** The per-call options the transport takes (signal, timeout, maxRetries), picked from what the caller passed. */
function callOptions(options = {}) {
  const { signal, timeout, maxRetries } = options;
  return { signal, timeout, maxRetries };
}

/** `ifMatch` (the agent's version) as an If-Match header, quoted; none when it is not given. */
function ifMatchHeader(options = {}) {
  if (options.ifMatch === undefined || options.ifMatch === null) return undefined;
  const v = String(options.ifMatch);
  return { 'If-Match': v.startsWith('"') ? v : `"${v}"` };
}

module.exports = { callOptions, ifMatchHeader };
