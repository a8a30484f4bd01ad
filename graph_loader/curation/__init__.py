"""Researchers' corrections: records, the append-only log, the tokens that sign them, and the
stage that applies them to each build's extraction (see apply.py for why a stage of its own)."""
