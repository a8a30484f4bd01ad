"""Placeholder until this command group is written (replaced by its owner)."""

import typer


def register(app: typer.Typer) -> None:
    return None
