"""Links of token identities (issuer + sub) to existing users: admin only. A linked token acts as the user (keys,
agents, limits) with the role of its own groups; nothing is moved by a link or an unlink."""

from .resources import Pages, _seg


class IdentityLinks:
    def __init__(self, transport):
        self._t = transport

    def link(self, *, issuer, subject, username, timeout=None):
        """``{linkId, issuer, subject, userId, username, linkedAt, linkedBy}``; ConflictError when already linked or
        when the identity's own user owns agents or active keys."""
        return self._t.request("POST", "/api/users/links",
                               body={"issuer": issuer, "subject": subject, "username": username}, timeout=timeout)

    def list(self, *, limit=None, next_token=None, timeout=None):
        """Every link (``{links, limit, nextToken}`` pages); iterate for pages, ``items()`` for links."""
        return Pages(lambda token: self._t.request("GET", "/api/users/links",
                                                   query={"limit": limit, "nextToken": token or next_token},
                                                   timeout=timeout), "links")

    def unlink(self, link_id, *, timeout=None):
        """The identity is its own user again from its next request."""
        return self._t.request("DELETE", f"/api/users/links/{_seg(link_id)}", timeout=timeout)
