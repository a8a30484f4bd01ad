"""Bearer-token authentication for the write endpoints (the curation API); reads stay open.

Why tokens from the state directory: the API listens on loopback for researchers on the same
machine; a token (`ukg token create NAME`, stored hashed by graph_loader.curation.tokens) says who
made each correction, and revoking one stops its writes at once. Tokens are read from the
`Authorization` header only — never from the URL, where access logs and browser history keep them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import Forbidden, Unauthorized
from graph_loader.curation.tokens import TokenStore

_BEARER = HTTPBearer(auto_error=False, description="a token from `ukg token create NAME`")


def get_tokens(request: Request) -> TokenStore:
    return request.app.state.tokens


def author(
    tokens: Annotated[TokenStore, Depends(get_tokens)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> str:
    """The author name of a valid token; 401 without one or with an unknown one, 403 if revoked."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("this endpoint writes: send `Authorization: Bearer <token>` (`ukg token create NAME`)")
    found = tokens.check(credentials.credentials)
    if found is None:
        raise Unauthorized("unknown token")
    name, valid = found
    if not valid:
        raise Forbidden(f"the token of {name!r} was revoked")
    return name


Author = Annotated[str, Depends(author)]
