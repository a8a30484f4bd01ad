"""Bearer tokens for the API's write endpoints: created, listed and revoked by `ukg token`.

Why stored hashed: the token file sits in the state directory next to the database; whoever
reads it must not be able to write corrections. A token is 32 random bytes (URL-safe), so a plain
SHA-256 is enough (no dictionary to guess from); the name is the author recorded with every
correction made with it. The token itself is shown once, at creation, and never again.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import orjson

from graph_loader.curation.log import now, write_private_json
from graph_loader.errors import InputError
from graph_loader.settings import state_dir

TOKENS_NAME = "tokens.json"
_NAME = re.compile(r"^[\w.@-]{1,64}$")


@dataclass(frozen=True)
class Token:
    name: str
    digest: str
    created: str
    revoked: str = ""


class TokenStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / TOKENS_NAME

    def tokens(self) -> list[Token]:
        if not self.path.exists():
            return []
        try:
            return [Token(**entry) for entry in orjson.loads(self.path.read_bytes())]
        except (orjson.JSONDecodeError, TypeError) as error:
            raise InputError(f"{self.path}: not a token file ({error})") from None

    def create(self, name: str) -> str:
        """A new token for `name` (its author name); returns the token, which is not stored."""
        if not _NAME.match(name):
            raise InputError(f"token name {name!r}: 1-64 letters, digits, '.', '@', '_' or '-'")
        if any(token.name == name and not token.revoked for token in self.tokens()):
            raise InputError(f"a token named {name!r} exists; revoke it first")
        secret = "ukg_" + secrets.token_urlsafe(32)
        self._write([*self.tokens(), Token(name, _digest(secret), now())])
        return secret

    def revoke(self, name: str) -> None:
        tokens = self.tokens()
        if not any(token.name == name and not token.revoked for token in tokens):
            raise InputError(f"no active token named {name!r}")
        self._write([replace(t, revoked=now()) if t.name == name and not t.revoked else t for t in tokens])

    def check(self, secret: str) -> tuple[str, bool] | None:
        """(author name, still valid) for a known token, None for an unknown one."""
        presented = _digest(secret)
        for token in reversed(self.tokens()):
            if hmac.compare_digest(token.digest, presented):
                return token.name, not token.revoked
        return None

    def _write(self, tokens: list[Token]) -> None:
        write_private_json([asdict(token) for token in tokens], self.path)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
