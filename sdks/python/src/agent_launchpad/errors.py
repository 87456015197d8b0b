"""Exceptions: one per kind of answer, all carrying the API's code, status, request id and details."""

import builtins


class AgentLaunchpadError(Exception):
    """An error the API answered (or no answer at all). Quote ``request_id`` to support."""

    def __init__(self, message, code=None, status=None, request_id=None, details=None, headers=None, body=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.request_id = request_id
        self.details = details
        self.headers = headers or {}
        self.body = body

    def __str__(self):
        where = f" (request {self.request_id})" if self.request_id else ""
        return f"{self.code}: {self.message}{where}" if self.code else self.message


class ValidationError(AgentLaunchpadError):
    """400: ``details`` is ``[{"field", "message"}]``."""


class AuthenticationError(AgentLaunchpadError):
    """401 INVALID_API_KEY."""


class PermissionDeniedError(AgentLaunchpadError):
    """403 INSUFFICIENT_PERMISSIONS."""


class NotFoundError(AgentLaunchpadError):
    """404 AGENT_NOT_FOUND or NOT_FOUND."""


class ConflictError(AgentLaunchpadError):
    """409: a stale If-Match, a concurrent change, an Idempotency-Key reused with another body."""


class RateLimitError(AgentLaunchpadError):
    """429 RESOURCE_LIMIT_EXCEEDED."""


class ServerError(AgentLaunchpadError):
    """5xx."""


class ApiConnectionError(AgentLaunchpadError, builtins.ConnectionError):
    """No answer: refused, reset, unresolvable."""


class ApiTimeoutError(AgentLaunchpadError, builtins.TimeoutError):
    """The per-call timeout (or wait_until_deployed's) elapsed."""


class DeploymentFailedError(AgentLaunchpadError):
    """wait_until_deployed saw the agent FAILED; ``reason`` says why."""

    def __init__(self, message, agent_id=None, reason=None):
        super().__init__(message, code="DEPLOYMENT_FAILED")
        self.agent_id = agent_id
        self.reason = reason


_BY_STATUS = {400: ValidationError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
              409: ConflictError, 429: RateLimitError}


def error_class_for(status):
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else AgentLaunchpadError
