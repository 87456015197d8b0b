'use strict';

const { ValidationError } = require('./errors');

/**
 * The rules of the messages routes (openapi.yaml, sendAgentMessage / listAgentMessages), checked before a call so
 * that a mistake costs no request. The API checks them again: it is the authority.
 */
const MAX_CONTENT = 4000;
const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;
// Control characters (C0, DEL, C1) other than tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const MAX_LIMIT = 100;

function invalid(field, message) {
  return new ValidationError(`${field} ${message}`, { code: 'VALIDATION_ERROR', details: [{ field, message }] });
}

/** @returns {ValidationError|undefined} the first broken rule, as the API would name it. */
function checkAgentId(agentId) {
  if (typeof agentId !== 'string' || agentId.length === 0) return invalid('agentId', 'must be a non-empty string');
  return undefined;
}

function checkUserId(userId) {
  if (userId === undefined || userId === null) return undefined;
  if (typeof userId !== 'string' || !USER_ID.test(userId)) {
    return invalid('userId', 'must be 1 to 64 of A-Z a-z 0-9 . _ @ -');
  }
  return undefined;
}

function checkMessage(agentId, content, userId) {
  const bad = checkAgentId(agentId) ?? checkUserId(userId);
  if (bad) return bad;
  if (typeof content !== 'string' || content.length === 0) return invalid('content', 'must be a non-empty string');
  // Characters as people count them (code points), so an emoji is one.
  if ([...content].length > MAX_CONTENT) return invalid('content', `must be at most ${MAX_CONTENT} characters`);
  if (CONTROL.test(content)) return invalid('content', 'must not contain control characters other than \\n \\r \\t');
  return undefined;
}

function checkListing(agentId, limit, userId) {
  const bad = checkAgentId(agentId) ?? checkUserId(userId);
  if (bad) return bad;
  if (limit !== undefined && limit !== null && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) {
    return invalid('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return undefined;
}

module.exports = { checkMessage, checkListing, MAX_CONTENT, MAX_LIMIT };
