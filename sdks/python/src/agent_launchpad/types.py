"""Typed shapes of the answers that have them (for type checkers; at run time answers are ``Response`` dicts)."""

from typing import List, Literal, TypedDict


class Reply(TypedDict):
    text: str
    #: What the agent decided to do, e.g. ``REPLY``.
    actions: List[str]


class AgentReply(TypedDict):
    """``agents.send_message``: the agent's reply to one message."""
    agentId: str
    userId: str
    reply: Reply
    timestamp: str


class ConversationMessage(TypedDict):
    role: Literal["user", "agent"]
    text: str
    timestamp: str


class Conversation(TypedDict):
    """``agents.list_messages``: the last messages of one user's conversation with the agent, oldest first."""
    agentId: str
    userId: str
    messages: List[ConversationMessage]
