"""Python SDK for the Agent Launchpad API (standard library only).

    from agent_launchpad import AgentLaunchpadClient
    client = AgentLaunchpadClient(api_key='alk_...', base_url='http://localhost:8080')
    agent = client.agents.create(agent_name='my-bot', description='My AI bot', personality={'bio': 'I help'})
    status = client.agents.get_status(agent['agentId'])
"""

from ._transport import VERSION, Response, Transport
from .errors import (AgentLaunchpadError, ApiConnectionError, ApiTimeoutError, AuthenticationError, ConflictError,
                     DeploymentFailedError, NotFoundError, PermissionDeniedError, RateLimitError, ServerError,
                     ValidationError)
from ._identity_links import IdentityLinks
from .resources import LOG_CURSOR, Agents, Auth, Pages, Security, System, Users
from .types import AgentReply, Conversation, ConversationMessage

__version__ = VERSION


class AgentLaunchpadClient:
    """``api_key`` (X-API-Key) or ``access_token`` (bearer JWT), ``base_url``; ``timeout`` in seconds per call
    (retries included), ``max_retries``, ``retry_base_delay`` and ``max_retry_delay`` in seconds."""

    def __init__(self, api_key=None, base_url=None, *, access_token=None, timeout=30.0, max_retries=3,
                 retry_base_delay=0.5, max_retry_delay=30.0):
        transport = Transport(base_url, api_key=api_key, access_token=access_token, timeout=timeout,
                              max_retries=max_retries, retry_base_delay=retry_base_delay,
                              max_retry_delay=max_retry_delay)
        self._transport = transport
        self.agents = Agents(transport)
        self.auth = Auth(transport)
        self.security = Security(transport)
        self.system = System(transport)
        self.users = Users(transport)
        self.identity_links = IdentityLinks(transport)


__all__ = ["AgentLaunchpadClient", "AgentLaunchpadError", "AgentReply", "ApiConnectionError", "ApiTimeoutError",
           "AuthenticationError", "Conversation", "ConversationMessage", "ConflictError", "DeploymentFailedError", "LOG_CURSOR", "NotFoundError", "Pages",
           "PermissionDeniedError", "RateLimitError", "Response", "ServerError", "ValidationError", "__version__"]
