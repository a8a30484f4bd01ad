"""`ukg diffusion [PRACTICE]` — practice diffusion in the terminal, as JSON, CSV or an HTML view.

Adoption events come from the graph in Neo4j (the named queries `adoption_events` and
`spread_claims`, as the API reads them; the embedded Neo4j is started if needed) or, with
--corpus, straight from the extraction pipeline without a database. The statistics are
analytics/* (docs/diffusion.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from graph_loader.errors import InputError

if TYPE_CHECKING:
    from analytics.adoptions import AdoptionEvent, SpreadClaim

LEVELS = ("city", "county")


def _from_graph(practice: str | None) -> tuple[list[AdoptionEvent], list[SpreadClaim]]:
    from analytics.adoptions import claims_from_rows, events_from_rows
    from graph_loader.neo4j.database import Database
    from graph_loader.neo4j.store import ensure_embedded_running
    from queries import QueryReader

    ensure_embedded_running(quiet=True)
    database = Database()
    try:
        reader = QueryReader(database.read)
        events = events_from_rows(reader.rows("adoption_events", practice=practice))
        return events, claims_from_rows(reader.rows("spread_claims", practice=practice))
    finally:
        database.close()


def _from_corpus(corpus: Path) -> tuple[list[AdoptionEvent], list[SpreadClaim]]:
    from analytics.adoptions import claims_from_records, events_from_records
    from graph_loader.pipeline import run_extraction

    if not corpus.exists():
        raise InputError(f"corpus not found: {corpus}")
    result = run_extraction(corpus)
    return events_from_records(result.entities, result.relations), claims_from_records(result.entities,
                                                                                         result.relations)


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _print_timeline(console: Console, data: dict[str, Any]) -> None:
    practice = data["practice"]
    console.print(f"[bold]{practice['zh']}[/] ({practice['id']}, {practice['en']}): "
                  f"{data['adoptions']} adoptions, {data['undated']} undated; first {data['first_year']}: "
                  + "、".join(f"{a['organization']}" for a in data["first_adopters"]))
    curve = "  ".join(f"{row['year']}:{row['adopters']}" for row in data["cumulative"])
    console.print(f"cumulative adopters  {curve}")
    console.print("per city  " + "  ".join(f"{row['city']} {row['adoptions']}" for row in data["per_city"]))
    table = Table(title="adoptions, earliest first")
    for column in ("year", "basis", "organisation", "county", "city", "evidence"):
        table.add_column(column)
    for event in data["events"]:
        basis = event["date_basis"] + (f" {event['date_phrase']}" if event["date_phrase"] else "")
        dating = [ev for ev in event["evidence"]
                  if ev["date"] == event["date"] and ev["date_basis"] == event["date_basis"]]
        quote = (dating or event["evidence"] or [{"quote": ""}])[0]["quote"]
        table.add_row(str(event["year"] or "?"), basis, event["organization"], event["county"], event["city"],
                      _short(quote))
    console.print(table)
    if data["spread_claims"]:
        console.print("[bold]explicit spread claims[/] (推广至 / 复制推广; not inferred):")
        for claim in data["spread_claims"]:
            console.print(f"  {claim['source']} → {claim['target']} ({claim['year']})")
    else:
        console.print("no explicit spread claim (推广至 / 复制推广) in the texts")


def _print_network(console: Console, net: dict[str, Any], scores: list[dict[str, Any]]) -> None:
    table = Table(title=f"precedence network ({net['level']}): {net['shown_edges']} edges shown of "
                        f"{net['tested_pairs']} pairs tested; chance alone shows {net['chance_edges']}")
    for column in ("leader", "follower", "practices after", "expected", "p", "q (BH)", "mean lag"):
        table.add_column(column)
    for e in net["edges"]:
        table.add_row(e["source"], e["target"], f"{e['weight']}/{e['shared']}", f"{e['expected']:.2f}",
                      f"{e['p_value']:.2g}", f"{e['q_value']:.2g}", f"{e['mean_lag']:.2f}")
    console.print(table)
    scores_table = Table(title="innovativeness (1 = always first, 0 = always last)")
    for column in ("region", "score", "mean lag", "shared practices", "firsts", "sole"):
        scores_table.add_column(column)
    for s in scores:
        scores_table.add_row(s["region"], "" if s["score"] is None else f"{s['score']:.3f}",
                             "" if s["mean_lag"] is None else f"{s['mean_lag']:.2f}", str(s["practices"]),
                             str(s["firsts"]), str(s["sole"]))
    console.print(scores_table)


PracticeArg = Annotated[str | None, typer.Argument(help="Practice id, e.g. craftsman-school; omit for all.")]
CsvOpt = Annotated[Path | None, typer.Option("--csv", help="Write the adoption events as CSV ('-': stdout).")]
NetworkOpt = Annotated[bool, typer.Option("--network", help="Show the precedence network, innovativeness.")]
RegionOpt = Annotated[str | None, typer.Option("--region", help="Show one city or county (e.g. 湖州市).")]
LevelOpt = Annotated[str, typer.Option("--level", help="Regions compared: city or county.")]
HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", help="Write the practice timeline (with --network: the network) as an offline HTML page.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Read this corpus, not the graph in Neo4j.")]
HazardOpt = Annotated[bool, typer.Option(
    "--hazard", help="Fit the hazard model (also `ukg diffusion hazard`); PRACTICE: one, else all pooled.")]
CensoringOpt = Annotated[str, typer.Option("--censoring", help="--hazard: stated (censor unknown years) or upper.")]
EffectsOpt = Annotated[str, typer.Option("--effects", help="--hazard, pooled: practice (intercept each) or common.")]


def diffusion(
    practice: PracticeArg = None,
    csv_file: CsvOpt = None,
    network: NetworkOpt = False,
    region: RegionOpt = None,
    level: LevelOpt = "city",
    html_file: HtmlOpt = None,
    as_json: JsonOpt = False,
    corpus: CorpusOpt = None,
    hazard: HazardOpt = False,
    censoring: CensoringOpt = "stated",
    effects: EffectsOpt = "practice",
) -> None:
    """Who adopted a practice when, who followed whom (docs/diffusion.md); --csv for statistics packages."""
    from analytics.export import write_events_csv
    from analytics.innovativeness import innovativeness
    from analytics.precedence import precedence_network
    from analytics.regions import region_profile
    from analytics.timeline import practice_overview, practice_timeline
    from ontology.model import get_ontology

    if level not in LEVELS:
        raise InputError(f"--level must be city or county, not {level!r}")
    if practice == "hazard":  # `ukg diffusion hazard`: no practice has that id
        hazard, practice = True, None
    if practice is not None:
        try:
            practice = get_ontology().practice(practice).id
        except KeyError:
            raise InputError(f"unknown practice id {practice!r} (see GET /practices)") from None
    if hazard:
        from ukg.commands.hazard import run_hazard  # statsmodels costs ~1.6 s: imported only when used

        if censoring not in ("stated", "upper") or effects not in ("practice", "common"):
            raise InputError("--censoring must be stated or upper, --effects practice or common")
        run_hazard(practice, level, censoring, effects, as_json, corpus)
        return
    events, claims = _from_corpus(corpus) if corpus is not None else _from_graph(practice)
    if practice is not None:
        events = [e for e in events if e.practice == practice]
    console = Console()
    if csv_file is not None:
        if str(csv_file) == "-":
            count = write_events_csv(events, sys.stdout)
        else:
            with open(csv_file, "w", encoding="utf-8", newline="") as handle:
                count = write_events_csv(events, handle)
            Console(stderr=True).print(f"wrote {count} adoption events to {csv_file}")
        return
    if region is not None:
        try:
            profile = region_profile(events, region)
        except ValueError as error:
            raise InputError(str(error)) from None
        if as_json:
            console.print_json(json.dumps(profile, ensure_ascii=False, default=str))
        else:
            _print_region(console, profile)
        return
    if network:
        net = precedence_network(events, level)
        scores = [s.to_dict() for s in innovativeness(events, level)]
        if html_file is not None:
            from visualizations.diffusion import network_html

            html_file.write_text(network_html(net, innovativeness(events, level)), encoding="utf-8")
            Console(stderr=True).print(f"wrote {html_file}")
        elif as_json:
            console.print_json(json.dumps({**net.to_dict(), "innovativeness": scores}, ensure_ascii=False))
        else:
            _print_network(console, net.to_dict(), scores)
        return
    if practice is None:
        rows = practice_overview(events)
        if as_json:
            console.print_json(json.dumps(rows, ensure_ascii=False))
            return
        table = Table(title=f"{len(events)} adoption events")
        for column in ("practice", "adoptions", "cities", "first year", "first adopters"):
            table.add_column(column)
        for row in rows:
            table.add_row(row["practice"], str(row["adoptions"]), str(row["cities"]),
                          str(row["first_year"] or "?"), _short("、".join(row["first_adopters"]), 50))
        console.print(table)
        return
    timeline = practice_timeline(events, practice, claims)
    if html_file is not None:
        from visualizations.diffusion import timeline_html

        html_file.write_text(timeline_html(timeline), encoding="utf-8")
        Console(stderr=True).print(f"wrote {html_file}")
    elif as_json:
        console.print_json(json.dumps(timeline.to_dict(), ensure_ascii=False, default=str))
    else:
        _print_timeline(console, timeline.to_dict())


def _print_region(console: Console, profile: dict[str, Any]) -> None:
    score = profile["innovativeness"] or {}
    console.print(f"[bold]{profile['region']}[/] ({profile['level']}): {profile['adoptions']} adoptions of "
                  f"{len(profile['practices'])} practices; innovativeness {score.get('score')}")
    firsts = "、".join(f"{f['practice']} {f['year']}" for f in profile["first_adopter_of"]) or "—"
    console.print(f"first adopter of: {firsts}")
    console.print("follows: " + ("、".join(e["source"] for e in profile["follows"]) or "—"))
    console.print("followed by: " + ("、".join(e["target"] for e in profile["followed_by"]) or "—"))


def register(app: typer.Typer) -> None:
    app.command("diffusion")(diffusion)
