'use strict';

/** An error the API answered: `code` is one of the API's error codes, `requestId` is worth quoting to support. */
class AgentLaunchpadError extends Error {
  constructor(message, { code, status, requestId, details, headers, body, cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.details = details;
    this.headers = headers;
    // The parsed error body as the API sent it; kept out of logs and JSON.stringify.
    Object.defineProperty(this, 'body', { value: body, enumerable: false });
  }
}

class ValidationError extends AgentLaunchpadError {}
class AuthenticationError extends AgentLaunchpadError {}
class PermissionError extends AgentLaunchpadError {}
class NotFoundError extends AgentLaunchpadError {}
class ConflictError extends AgentLaunchpadError {}
class RateLimitError extends AgentLaunchpadError {}
class ServerError extends AgentLaunchpadError {}
/** The request never got an answer (DNS, refused connection, reset). */
class ConnectionError extends AgentLaunchpadError {}
/** The per-call timeout elapsed. */
class TimeoutError extends AgentLaunchpadError {}
/** waitUntilDeployed saw the agent FAILED; `reason` says why. */
class DeploymentFailedError extends AgentLaunchpadError {
  constructor(message, options = {}) {
    super(message, { code: 'DEPLOYMENT_FAILED', ...options });
    this.reason = options.reason;
    this.agentId = options.agentId;
  }
}

const BY_STATUS = { 400: ValidationError, 401: AuthenticationError, 403: PermissionError, 404: NotFoundError,
  409: ConflictError, 429: RateLimitError };

/** The error class for an answer: by status, 5xx all ServerError, any other 4xx the base class. */
function errorClassFor(status) {
  if (BY_STATUS[status]) return BY_STATUS[status];
  if (status >= 500) return ServerError;
  return AgentLaunchpadError;
}

module.exports = {
  AgentLaunchpadError, ValidationError, AuthenticationError, PermissionError, NotFoundError, ConflictError,
  RateLimitError, ServerError, ConnectionError, TimeoutError, DeploymentFailedError, errorClassFor,
};
