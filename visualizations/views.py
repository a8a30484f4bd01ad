"""The views' data: each builder runs named queries (queries/view_*.cypher …) and returns a ViewGraph.

A builder gets a `QueryReader`, so the API (per request) and `ukg render` (one Database) share
them and bind parameters the same way. No Cypher here: only named queries with parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from queries import NamedQuery, QueryReader
from visualizations.lang import concept_label
from visualizations.model import (
    DEFAULT_MAX_NODES,
    EVIDENCE_SHOWN,
    FormField,
    Links,
    ViewEdge,
    ViewGraph,
    ViewNode,
    evidence_item,
)

VIEWS = ("entity", "practice", "region", "query", "overview")
# Query-string names the query view keeps for itself; no named query may declare them.
QUERY_VIEW_RESERVED = ("format", "max_nodes", "lang")
MAX_REFS = 10_000


class ViewNotFound(LookupError):
    """The entity, practice, place or named query a view is about does not exist."""


def split_types(types: str | Iterable[str] | None) -> list[str] | None:
    """Relationship types from `A,B`, repeated parameters, or both; None means every type."""
    if types is None:
        return None
    items = [types] if isinstance(types, str) else list(types)
    found = [part.strip().upper() for item in items for part in str(item).split(",") if part.strip()]
    return sorted(set(found)) or None


def _max_nodes_field(max_nodes: int, links: Links) -> FormField:
    return FormField("max_nodes", links.t("最多节点"), "number", max_nodes, help=links.t("超过上限时只画前 N 个节点"))


def entity_view(
    reader: QueryReader,
    key: str,
    depth: int = 1,
    types: str | Iterable[str] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    links: Links = Links(),
    rejected: Iterable[Mapping[str, Any]] = (),
) -> ViewGraph:
    """An entity with its neighbours to depth 1–2, optionally only along some relationship types.

    `rejected`: edges researchers rejected (the build leaves them out of the graph; the API passes
    them with include_rejected=true), drawn grey and dashed with the extractor's evidence."""
    depth = 2 if depth >= 2 else 1
    type_list = split_types(types)
    rows = reader.rows("view_entity", key=key, depth=depth, types=type_list, limit=max_nodes)
    if not rows:
        raise ViewNotFound(f"no entity with key '{key}'")
    row = rows[0]
    nodes = [ViewNode.from_row(item, focus=item["key"] == key) for item in row["nodes"]]
    ends, rejected_edges = _rejected_edges(reader, {node.key for node in nodes}, rejected, type_list)
    nodes += ends
    focus = next(node for node in nodes if node.focus)
    available = {item["type"]: item["count"] for item in row["available"]}
    graph = ViewGraph(
        view="entity",
        title=focus.name,
        subtitle=links.t("{cls} · 邻居（深度 {depth}）", cls=links.cls(focus.style), depth=depth)
        + (links.t(" · 关系：{types}", types=", ".join(type_list)) if type_list else ""),
        nodes=nodes,
        edges=[ViewEdge.from_row(item) for item in row["edges"]] + rejected_edges,
        total=row["total"],
        max_nodes=max_nodes,
        params={"key": key, "depth": depth, "types": type_list, "max_nodes": max_nodes},
        form_action=links.entity(key),
        form=[
            FormField("depth", links.t("深度"), "select", str(depth), [("1", links.t("1 步")), ("2", links.t("2 步"))]),
            FormField(
                "types",
                links.t("关系类型"),
                "checkboxes",
                type_list or [],
                [(t, f"{links.rel(t)} {t} ({n})") for t, n in sorted(available.items())],
                help=links.t("不选 = 全部类型"),
            ),
            _max_nodes_field(max_nodes, links),
        ],
    )
    if "Practice" in focus.labels or "PracticeCategory" in focus.labels:
        graph.links.append(
            (links.t("实践视图（采用者按年份、城市）"), links.practice(str(focus.props.get("id") or key)))
        )
    if "Place" in focus.labels:
        graph.links.append((links.t("地区视图"), links.region(key)))
    if len(nodes) == 1:
        graph.message = links.t("这个实体在当前筛选下没有相邻实体。" if type_list else "这个实体没有相邻实体。")
    return graph.finish()


def _rejected_edges(
    reader: QueryReader, drawn: set[str], rejected: Iterable[Mapping[str, Any]], types: list[str] | None
) -> tuple[list[ViewNode], list[ViewEdge]]:
    """The rejected edges as view edges, and the ends not `drawn` yet (the rejected edge was their
    only link to the focus) as new nodes; an end that left the graph drops its edge."""
    nodes: list[ViewNode] = []
    edges: list[ViewEdge] = []
    for entry in rejected:
        edge = entry["edge"]
        if types and edge["type"] not in types:
            continue
        missing = [end for end in (edge["head"], edge["tail"]) if end not in drawn | {n.key for n in nodes}]
        found = [reader.rows("view_entity", key=end, depth=1, types=None, limit=1) for end in missing]
        if not all(found):
            continue
        nodes += [ViewNode.from_row(rows[0]["nodes"][0]) for rows in found]
        evidence = [evidence_item(ev) for ev in entry.get("evidence") or []][:EVIDENCE_SHOWN]
        edges.append(ViewEdge(edge["head"], edge["tail"], edge["type"], evidence=evidence, rejected=True))
    return nodes, edges


def practice_view(
    reader: QueryReader,
    practice: str,
    expand: bool = False,
    max_nodes: int = DEFAULT_MAX_NODES,
    links: Links = Links(),
) -> ViewGraph:
    """A practice concept with every adopter, coloured by year of first evidence and grouped by city."""
    rows = reader.rows("view_practice", practice=practice, expand=expand, limit=max_nodes)
    if not rows:
        raise ViewNotFound(f"no practice or practice category with id '{practice}'")
    row = rows[0]
    concepts = [
        ViewNode.from_row(item, focus=i == 0, role="concept") for i, item in enumerate(row["concepts"])
    ]
    cities = [ViewNode.from_row(item, role="city") for item in row["cities"]]
    adopters = [ViewNode.from_row(item, role="adopter") for item in row["adopters"]]
    city_keys = {city.name: city.key for city in cities}
    edges = [ViewEdge.from_row(item) for item in row["edges"]]
    edges += [
        ViewEdge(adopter.key, city_keys[adopter.city], "IN_CITY", derived=True)
        for adopter in adopters
        if adopter.city in city_keys
    ]
    focus = concepts[0]
    narrower = row["narrowerCount"]
    graph = ViewGraph(
        view="practice",
        title=focus.name,
        subtitle=links.t(
            "{cls} · {total} 个采用组织（按首次证据年份着色，按城市分组）",
            cls=links.cls(focus.style),
            total=row["total"],
        )
        + (links.t(" · 含 {n} 个下位实践", n=len(concepts) - 1) if expand and len(concepts) > 1 else ""),
        nodes=concepts + cities + adopters,
        edges=edges,
        total=len(concepts) + len(cities) + row["total"],
        max_nodes=max_nodes,
        colour_by="year",
        params={"practice": practice, "expand": expand, "max_nodes": max_nodes},
        form_action=links.practice(practice),
        form=[
            FormField(
                "expand",
                links.t("包含下位概念（{n} 个）", n=narrower),
                "checkbox",
                expand,
                help=links.t("类别：也画出其下位实践及其采用者"),
            ),
            _max_nodes_field(max_nodes, links),
        ],
        links=[(links.t("实体视图"), links.entity(focus.key))],
    )
    if row["total"] == 0:
        shown = concept_label(focus.key, focus.name, links.lang)
        graph.message = links.t("还没有组织被记录为采用「{name}」。", name=shown)
        if narrower and not expand:
            graph.message += links.t(" 它有 {n} 个下位实践：勾选“包含下位概念”可画出它们的采用者。", n=narrower)
    return graph.finish()


def region_view(
    reader: QueryReader,
    place: str,
    practices: bool = True,
    party: bool = True,
    max_nodes: int = DEFAULT_MAX_NODES,
    links: Links = Links(),
) -> ViewGraph:
    """A city or county with its carriers, organisations, party-building links and practices."""
    rows = reader.rows("view_region", place=place, practices=practices, party=party, limit=max_nodes)
    if not rows:
        raise ViewNotFound(f"no place '{place}'")
    row = rows[0]
    nodes = [ViewNode.from_row(item, focus=item.get("role") == "region") for item in row["nodes"]]
    focus = nodes[0]
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.role or ""] = counts.get(node.role or "", 0) + 1
    graph = ViewGraph(
        view="region",
        title=focus.name,
        subtitle=links.t(
            "{cls} · 载体 {carriers} · 组织 {organizations} · 党组织 {party} · 实践 {practices}",
            cls=links.cls(focus.style),
            carriers=counts.get("carrier", 0),
            organizations=counts.get("organization", 0),
            party=counts.get("party", 0),
            practices=counts.get("practice", 0),
        ),
        nodes=nodes,
        edges=[ViewEdge.from_row(item) for item in row["edges"]],
        total=row["total"],
        max_nodes=max_nodes,
        params={"place": place, "practices": practices, "party": party, "max_nodes": max_nodes},
        form_action=links.region(place),
        form=[
            FormField("practices", links.t("包含采用的实践"), "checkbox", practices),
            FormField("party", links.t("包含党建联系（党组织）"), "checkbox", party),
            _max_nodes_field(max_nodes, links),
        ],
        links=[(links.t("实体视图"), links.entity(focus.key))],
    )
    if len(nodes) == 1:
        graph.message = links.t("图中还没有位于这个地区的载体或组织。")
    return graph.finish()


def collect_refs(params: Mapping[str, Any], rows: Any) -> list[str]:
    """Entity keys and concept ids named in a query's parameters and result, in order of appearance."""
    refs: dict[str, None] = {}

    def add(value: Any) -> None:
        if isinstance(value, str) and value and len(refs) < MAX_REFS:
            refs.setdefault(value, None)

    for value in params.values():
        for item in value if isinstance(value, list) else [value]:
            add(item)

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            if isinstance(value.get("key"), str):
                add(value["key"])
            elif isinstance(value.get("id"), str):
                add(value["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(rows)
    return list(refs)


def query_fields(query: NamedQuery, given: Mapping[str, Any]) -> list[FormField]:
    """Form fields for a named query's parameters, filled with the given values."""
    fields = []
    for param in query.params:
        value = given.get(param.name)
        if param.type == "bool":
            checked = str(value).lower() in {"true", "1", "yes"} if value is not None else bool(param.default)
            fields.append(FormField(param.name, param.name, "checkbox", checked, help=param.description))
        else:
            shown = value if value is not None else ("" if param.default is None else param.default)
            if isinstance(shown, list):
                shown = ",".join(shown)
            fields.append(
                FormField(
                    param.name,
                    param.name,
                    "text",
                    shown,
                    required=param.required,
                    help=f"{param.type} — {param.description}",
                )
            )
    return fields


def query_view(
    reader: QueryReader,
    name: str,
    given: Mapping[str, Any],
    max_nodes: int = DEFAULT_MAX_NODES,
    links: Links = Links(),
) -> ViewGraph:
    """Any named query's result as a graph: the entities it names and the relationships among them."""
    query = reader.catalogue.get(name)
    if query is None:
        raise ViewNotFound(f"no named query '{name}'")
    given = {k: v for k, v in given.items() if k not in QUERY_VIEW_RESERVED and v not in (None, "")}
    graph = ViewGraph(
        view="query",
        title=links.t("查询 {name}", name=name),
        subtitle=query.description,
        max_nodes=max_nodes,
        params={"name": name, "parameters": dict(given), "max_nodes": max_nodes},
        form_action=links.query(name),
        form=[*query_fields(query, given), _max_nodes_field(max_nodes, links)],
    )
    missing = [param.name for param in query.params if param.required and param.name not in given]
    if missing:
        graph.message = links.t("请填写必填参数：{names}。", names=", ".join(missing))
        return graph.finish()
    rows = reader.rows(name, **given)
    refs = collect_refs(given, rows)
    sub = (
        reader.rows("view_subgraph", refs=refs, limit=max_nodes)[0]
        if refs
        else {"total": 0, "nodes": [], "edges": []}
    )
    graph.nodes = [ViewNode.from_row(item) for item in sub["nodes"]]
    graph.edges = [ViewEdge.from_row(item) for item in sub["edges"]]
    graph.total = sub["total"]
    if not graph.nodes:
        graph.message = links.t("查询返回 {n} 行，其中没有可画出的实体。", n=len(rows))
    return graph.finish()


def overview_view(reader: QueryReader, limit: int = 200, links: Links = Links()) -> ViewGraph:
    """The best-connected entities (the `overview` named query) drawn like a query view."""
    graph = query_view(reader, "overview", {"limit": limit}, max_nodes=max(limit, 1), links=links)
    graph.view = "overview"
    graph.title = links.t("概览：连接最多的实体")
    graph.form_action = links.overview()
    graph.form = [FormField("limit", links.t("实体数"), "number", limit)]
    return graph


def index_data(reader: QueryReader) -> dict[str, Any]:
    """What the index page lists: practices (with adopter counts), regions, and the named queries."""
    return {
        "practices": reader.rows("practices"),
        "regions": reader.rows("regions"),
        "queries": [
            (q.name, q.description, any(p.required for p in q.params)) for q in reader.catalogue.values()
        ],
    }
