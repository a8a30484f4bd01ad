"""Typed errors. The CLI and the API each turn these into messages/statuses in one place."""

from __future__ import annotations


class UkgError(Exception):
    """Base class: a problem the user can act on. Its message is shown as-is, one line."""


class InputError(UkgError):
    """Bad input: a missing corpus, an undecodable or binary file, a malformed manifest."""


class SettingsError(UkgError):
    """A UKG_* or NEO4J_* environment setting that cannot be used; the message names it."""


class StoreUnavailable(UkgError):
    """Neo4j cannot be reached (not started, wrong URI, wrong credentials)."""


class Neo4jLaunchError(UkgError):
    """The embedded Neo4j could not be built, started or stopped."""
