"""CLI command groups. Each module defines `register(app)`; cli.py wires them in one place."""
