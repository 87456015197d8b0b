"""The rules of the messages routes (openapi.yaml: sendAgentMessage, listAgentMessages), checked before a call so
that a mistake costs no request. The API checks them again: it is the authority."""

import re

from .errors import ValidationError

MAX_CONTENT = 4000
MAX_LIMIT = 100
_USER_ID = re.compile(r"[A-Za-z0-9._@-]{1,64}")
# Control characters (C0, DEL, C1) other than tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _invalid(field, message):
    return ValidationError(f"{field} {message}", code="VALIDATION_ERROR",
                           details=[{"field": field, "message": message}])


def _check_agent_id(agent_id):
    if not isinstance(agent_id, str) or not agent_id:
        raise _invalid("agentId", "must be a non-empty string")


def _check_user_id(user_id):
    if user_id is not None and (not isinstance(user_id, str) or not _USER_ID.fullmatch(user_id)):
        raise _invalid("userId", "must be 1 to 64 of A-Z a-z 0-9 . _ @ -")


def check_message(agent_id, content, user_id):
    _check_agent_id(agent_id)
    _check_user_id(user_id)
    if not isinstance(content, str) or not content:
        raise _invalid("content", "must be a non-empty string")
    if len(content) > MAX_CONTENT:  # code points: an emoji is one character
        raise _invalid("content", f"must be at most {MAX_CONTENT} characters")
    if _CONTROL.search(content):
        raise _invalid("content", "must not contain control characters other than \\n \\r \\t")


def check_listing(agent_id, limit, user_id):
    _check_agent_id(agent_id)
    _check_user_id(user_id)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT):
        raise _invalid("limit", f"must be an integer from 1 to {MAX_LIMIT}")
