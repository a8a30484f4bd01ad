"""`ukg diffusion --hazard [PRACTICE]` (also `ukg diffusion hazard`): the hazard model in the terminal.

Events and pilot participations come from the graph in Neo4j (named queries `adoption_events`
and `pilot_participations`) or, with --corpus, from the extraction pipeline; adjacency is the
real geography (analytics.geography.neighbours, made symmetric as the API does). A refusal is
printed as one line and exits 1 (an InputError), like any other answer the data cannot give.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from analytics.adoptions import events_from_records, events_from_rows
from analytics.hazard import hazard_model
from analytics.hazard_inputs import ADJACENCY_SOURCE, adjacency, pilots_from_records, pilots_from_rows
from graph_loader.errors import InputError
from graph_loader.pipeline import run_extraction
from ukg.commands.graph_reader import graph_reader


def _inputs(level: str, corpus: Path | None) -> tuple[list[Any], dict[str, int | None]]:
    if corpus is not None:
        if not corpus.exists():
            raise InputError(f"corpus not found: {corpus}")
        result = run_extraction(corpus)
        return (
            events_from_records(result.entities, result.relations),
            pilots_from_records(result.entities, result.relations, level),
        )
    with graph_reader() as reader:
        return (
            events_from_rows(reader.rows("adoption_events")),
            pilots_from_rows(reader.rows("pilot_participations"), level),
        )


def run_hazard(
    practice: str | None, level: str, censoring: str, effects: str, as_json: bool, corpus: Path | None
) -> None:
    """Fit and print the model; a refusal is an InputError (one line, exit 1)."""
    events, pilots = _inputs(level, corpus)
    fit = hazard_model(
        events,
        level,
        adjacency(level),
        pilots,
        practice=practice,  # type: ignore[arg-type]
        censoring=censoring,
        effects=effects,
    )  # type: ignore[arg-type]
    console = Console()
    if as_json:
        console.print_json(json.dumps({**fit.to_dict(), "adjacency": ADJACENCY_SOURCE}, ensure_ascii=False))
        return
    console.print(
        f"hazard model ({level}, {practice or 'all practices pooled'}, censoring={censoring}, "
        f"effects={fit.effects}): {fit.region_years} region-years at risk, {fit.events} events; "
        f"{fit.adoptions} region adoptions, {fit.exact} with a known year, {fit.interval_censored} interval-censored "
        f"({fit.no_lower_bound} without a lower bound), {fit.before_observation} before the region was observed"
    )
    if fit.refused:
        raise InputError(f"hazard model refused: {fit.refused}")
    table = Table(title="log-odds of adopting in a year (Wald 95 % intervals)")
    for column in ("covariate", "coef", "95 % CI", "odds ratio", "OR 95 % CI", "p"):
        table.add_column(column)
    for c in fit.coefficients:
        table.add_row(
            c.label,
            f"{c.coef:.3f}",
            f"[{c.ci_low:.3f}, {c.ci_high:.3f}]",
            f"{c.odds_ratio:.3g}",
            f"[{c.or_low:.3g}, {c.or_high:.3g}]",
            f"{c.p_value:.2g}",
        )
    console.print(table)
    if fit.dropped:
        console.print("constant in the risk set, left out: " + ", ".join(fit.dropped))
