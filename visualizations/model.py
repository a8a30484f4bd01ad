"""What a view draws, independent of how: nodes, edges, the size limit, the filter form, and links.

Builders in visualizations.views fill a ViewGraph from named-query rows; visualizations.render turns it
into HTML; the API also serves it as JSON (`?format=json`) so a drawn page can be checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlencode

from visualizations.lang import class_name, concept_label, name_pinyin, relation_name, translate
from visualizations.style import NodeStyle, edge_style, node_style

DEFAULT_MAX_NODES = 300
MAX_MAX_NODES = 2000
QUOTE_CHARS = 280  # evidence sentences are shown up to this length (the source keeps the full text)
EVIDENCE_SHOWN = 3

# Node properties that are bookkeeping rather than facts worth showing.
_HIDDEN_PROPS = {"key", "name", "aliases", "aliasText", "loadHash", "zh"}
# Coded property values shown in Chinese (the code follows in brackets).
PROP_VALUES = {
    "level": {
        "province": "省级",
        "city": "市级",
        "county": "县级",
        "township": "乡镇（街道）级",
        "carrier": "载体级",
        "enterprise": "企业级",
    },
    "carrierType": {"town": "小镇", "park": "园区", "business-district": "商圈", "market": "市场"},
    "adminLevel": {"province": "省", "city": "市", "county": "区县"},
}
PROP_LABELS = {
    "form": "组织形式",
    "level": "层级",
    "carrierType": "载体类型",
    "adminLevel": "行政级别",
    "county": "区县",
    "city": "城市",
    "category": "类别",
    "en": "英文",
    "id": "概念 id",
    "role": "身份",
    "kind": "种类",
}


@dataclass(frozen=True)
class Links:
    """URLs of the views: `base` is '' in the API (same origin), an absolute origin in exported files.

    `lang` is the pages' language (visualizations.lang): links between views keep `lang=en`, and
    `t` gives a UI string in it."""

    base: str = ""
    lang: str = "zh"

    def t(self, text: str, **values: Any) -> str:
        return translate(text, self.lang, **values)

    def cls(self, style: NodeStyle) -> str:
        """A node class's name in the pages' language."""
        return class_name(style.label, style.zh, self.lang)

    def rel(self, rel_type: str) -> str:
        """A relationship type's name in the pages' language (the type itself when it has none)."""
        return relation_name(rel_type, edge_style(rel_type).zh, self.lang) or rel_type

    def _url(self, path: str, params: dict[str, Any] | None = None) -> str:
        query = {k: v for k, v in (params or {}).items() if v not in (None, "", False)}
        if self.lang != "zh" and path.startswith("/views"):
            query["lang"] = self.lang
        suffix = "?" + urlencode(query, doseq=True) if query else ""
        return f"{self.base}{path}{suffix}"

    def index(self) -> str:
        return self._url("/views/")

    def entity(self, key: str, **params: Any) -> str:
        return self._url("/views/entity/" + quote(key, safe="/"), params)

    def practice(self, practice_id: str, **params: Any) -> str:
        return self._url("/views/practice/" + quote(practice_id, safe=""), params)

    def region(self, place: str, **params: Any) -> str:
        return self._url("/views/region/" + quote(place, safe="/"), params)

    def query(self, name: str, **params: Any) -> str:
        return self._url("/views/query/" + quote(name, safe=""), params)

    def overview(self, **params: Any) -> str:
        return self._url("/views/overview", params)

    def review(self, **params: Any) -> str:
        return self._url("/views/review", params)

    def map(self, practice_id: str | None = None, **params: Any) -> str:
        """A practice's adoption map, or without a practice the map of practices per county."""
        path = "/views/diffusion/map/" + quote(practice_id, safe="") if practice_id else "/views/map"
        return self._url(path, params)

    def curation(self) -> str:
        """The curation API (POST a correction, GET the log): the review page and the entity view use it."""
        return self._url("/curation")


def evidence_item(row: dict[str, Any]) -> dict[str, Any]:
    quote_text = " ".join(str(row.get("quote") or "").split())
    if len(quote_text) > QUOTE_CHARS:
        quote_text = quote_text[: QUOTE_CHARS - 1] + "…"
    return {
        "quote": quote_text,
        "docId": row.get("docId"),
        "date": row.get("date"),
        "source": row.get("source"),
        "page": row.get("page"),  # PDF sources: the view shows "p. N"
    }


@dataclass
class ViewNode:
    key: str
    name: str
    labels: list[str]
    props: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    evidence_count: int = 0
    year: int | None = None  # practice view: year of first evidence of adoption
    city: str | None = None  # practice view: the city the node is grouped under
    role: str | None = None  # region view: region, place, carrier, organization, party, practice
    focus: bool = False  # the entity/practice/place the view is about
    name_zh: str | None = None  # in English (`lang=en`): a concept's Chinese label; `name` is its English one
    pinyin: str | None = None  # in English: an organisation's, person's or place's name in pinyin

    @classmethod
    def from_row(cls, row: dict[str, Any], **extra: Any) -> ViewNode:
        props = dict(row.get("props") or {})
        aliases = [a for a in (props.get("aliases") or row.get("aliases") or []) if a != row.get("name")]
        shown = {k: v for k, v in props.items() if k not in _HIDDEN_PROPS and v not in (None, "", [])}
        fields: dict[str, Any] = {
            "key": row["key"],
            "name": row.get("name") or row["key"],
            "labels": list(row.get("labels") or []),
            "props": shown,
            "aliases": list(aliases),
            "evidence": [evidence_item(ev) for ev in (row.get("evidence") or [])[:EVIDENCE_SHOWN]],
            "evidence_count": int(row.get("evidenceCount") or 0),
            "year": row.get("year"),
            "city": row.get("city"),
            "role": row.get("role"),
        }
        fields.update(extra)
        return cls(**fields)

    @property
    def style(self) -> NodeStyle:
        return node_style(self.labels)

    def in_language(self, lang: str) -> ViewNode:
        """The node as a page in `lang` shows it: a concept by its English label, a name with its pinyin."""
        label = concept_label(self.key, self.name, lang)
        name_zh = self.name if label != self.name else None
        return replace(self, name=label, name_zh=name_zh, pinyin=name_pinyin(self.name, self.labels, lang))

    @property
    def heading(self) -> str:
        """The name as a page title: with its pinyin in brackets when it has one."""
        return f"{self.name} ({self.pinyin})" if self.pinyin else self.name

    def to_json(self) -> dict[str, Any]:
        style = self.style
        translated = {"nameZh": self.name_zh} if self.name_zh else {}
        if self.pinyin:
            translated["pinyin"] = self.pinyin
        return {
            "key": self.key,
            "name": self.name,
            "class": style.label,
            "classZh": style.zh,
            "labels": self.labels,
            "aliases": self.aliases,
            "props": self.props,
            "evidence": self.evidence,
            "evidenceCount": self.evidence_count,
            "year": self.year,
            "city": self.city,
            "role": self.role,
            "focus": self.focus,
            **translated,
        }


@dataclass
class ViewEdge:
    source: str
    target: str
    type: str
    key: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    derived: bool = False  # drawn for the layout (e.g. IN_CITY), not a relationship in the graph
    rejected: bool = False  # left out of the graph by a researcher; drawn only with include_rejected

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ViewEdge:
        return cls(
            source=row["source"],
            target=row["target"],
            type=row["type"],
            key=row.get("key"),
            evidence=[evidence_item(ev) for ev in (row.get("evidence") or [])[:EVIDENCE_SHOWN]],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "key": self.key,
            "evidence": self.evidence,
            "derived": self.derived,
            "rejected": self.rejected,
        }


@dataclass
class FormField:
    """One control of a view's filter form (rendered as a GET form that reloads the view)."""

    name: str
    label: str
    kind: str  # select, checkbox, checkboxes, number, text
    value: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    required: bool = False
    help: str = ""


@dataclass
class ViewGraph:
    view: str  # entity, practice, region, query, overview
    title: str
    nodes: list[ViewNode] = field(default_factory=list)
    edges: list[ViewEdge] = field(default_factory=list)
    total: int = 0  # nodes the request matched, before the size limit
    max_nodes: int = DEFAULT_MAX_NODES
    subtitle: str = ""
    message: str = ""  # shown above the graph (empty result, missing parameters …)
    form: list[FormField] = field(default_factory=list)
    form_action: str = ""
    colour_by: str = "class"  # or "year"
    params: dict[str, Any] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url) shown under the title
    status: int = 200
    lang: str = "zh"  # the page's language (visualizations.lang); set by in_language

    def in_language(self, lang: str) -> ViewGraph:
        """The graph as a page in `lang`: concepts by their English labels, names with pinyin, and a
        title naming the focus accordingly (the builders wrote the UI strings through `Links.t`)."""
        if lang == self.lang:
            return self
        nodes = [node.in_language(lang) for node in self.nodes]
        title = self.title
        for old, new in zip(self.nodes, nodes, strict=True):
            if old.focus and self.title == old.name:
                title = new.heading
        return replace(self, nodes=nodes, title=title, lang=lang)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.nodes)

    def finish(self) -> ViewGraph:
        """De-duplicate nodes, cut to max_nodes, and keep only edges whose ends are both drawn."""
        seen: dict[str, ViewNode] = {}
        for node in self.nodes:
            seen.setdefault(node.key, node)
        self.nodes = list(seen.values())[: self.max_nodes]
        drawn = {node.key for node in self.nodes}
        self.total = max(self.total, len(seen))
        unique: dict[tuple[str, str, str], ViewEdge] = {}
        for edge in self.edges:
            if edge.source in drawn and edge.target in drawn:
                unique.setdefault((edge.source, edge.type, edge.target), edge)
        self.edges = list(unique.values())
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "title": self.title,
            "subtitle": self.subtitle,
            "message": self.message,
            "total": self.total,
            "drawn": len(self.nodes),
            "maxNodes": self.max_nodes,
            "truncated": self.truncated,
            "params": self.params,
            "nodes": [n.to_json() for n in self.nodes],
            "edges": [e.to_json() for e in self.edges],
        }
