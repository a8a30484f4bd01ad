"""`ukg extract`: entities, relations and evidence of a corpus, as JSON Lines or explained.

`ukg extract PATH... --format jsonl` prints one gold-format record per article (doc, article,
entities, relations) with an extra `evidence` list on every entity and relation.
`ukg extract PATH --explain NAME` prints the evidence sentences of an entity instead.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Annotated, Any

import typer

from graph_loader.errors import InputError
from graph_loader.records import ArticleExtraction, Entity, Evidence, Relation


def _evidence(evidence: list[Evidence]) -> list[dict[str, Any]]:
    return [{"article": e.article_id, "raw_start": e.raw_start, "raw_end": e.raw_end, "date": e.date,
             "quote": e.quote, **({"page": e.page} if e.page is not None else {})} for e in evidence]


def entity_json(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"type": entity.type, "name": entity.name, "aliases": list(entity.aliases)}
    out.update({k: v for k, v in entity.props.items() if v not in (None, "")})
    out["evidence"] = _evidence(entity.evidence)
    return out


def relation_json(relation: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {"type": relation.type, "head": relation.head.label, "tail": relation.tail.label}
    out.update({k: v for k, v in relation.props.items() if v not in (None, "")})
    out["evidence"] = _evidence(relation.evidence)
    return out


def record_json(extraction: ArticleExtraction) -> dict[str, Any]:
    article = extraction.article
    title = " ".join(p for p in (article.title, article.subtitle) if p)
    return {
        "doc": article.doc_id,
        "article": title,
        "article_id": article.id,
        "date": article.date,
        "entities": [entity_json(e) for e in extraction.entities],
        "relations": [relation_json(r) for r in extraction.relations],
    }


def _norm(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def explain(entities: list[Entity], name: str, sources: dict[str, str]) -> str:
    """Evidence sentences of every entity whose name or alias is `name`."""
    wanted = _norm(name)
    hits = [e for e in entities if wanted == _norm(e.name) or wanted in {_norm(a) for a in e.aliases}]
    if not hits:  # fall back to a partial name (眼镜小镇联合工会 → 温州市瓯海区眼镜小镇联合工会)
        hits = [e for e in entities if wanted in _norm(e.name)]
    if not hits:
        raise InputError(f"no entity named {name!r} in the corpus")
    lines = []
    for entity in hits:
        aliases = f"  (aliases: {', '.join(entity.aliases)})" if entity.aliases else ""
        lines.append(f"{entity.type} {entity.name}{aliases}")
        for ev in entity.evidence:
            quote = " ".join(ev.quote.split())
            where = f"{sources.get(ev.doc_id, ev.doc_id)} [{ev.raw_start}:{ev.raw_end}]"
            lines.append(f"  {where} {ev.date}  {quote}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_command(
        paths: Annotated[list[Path], typer.Argument(help="corpus folder(s) or text file(s)")],
        fmt: Annotated[str, typer.Option("--format", help="output format: jsonl")] = "jsonl",
        explain_name: Annotated[str, typer.Option("--explain", help="evidence of this entity")] = "",
    ) -> None:
        """Extract entities, relations and evidence (gold-format JSONL, one record per article)."""
        from graph_loader.pipeline import run_extraction

        if fmt != "jsonl":
            raise InputError(f"unknown format {fmt!r} (supported: jsonl)")
        result = run_extraction(paths)
        if explain_name:
            sources = {d.id: d.path for d in result.documents}
            typer.echo(explain(result.entities, explain_name, sources))
            return
        out = sys.stdout
        for extraction in result.extractions:
            out.write(json.dumps(record_json(extraction), ensure_ascii=False) + "\n")
