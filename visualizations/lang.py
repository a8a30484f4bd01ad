"""The views in English (`?lang=en`): UI strings, concept labels and pinyin names for the pages.

Why a catalogue keyed by the Chinese text: the views are written in Chinese first, and a reader of
the code should see the words the page shows; `translate("最多节点", "en")` looks the English up
here, formats both the same way, and an untranslated string falls back to Chinese (the unit tests
render every view in English and fail on any Chinese UI string left). Concept labels and class and
relationship names come from the ontology (`ontology.labels`), names in pinyin from
`graph_loader.text.transliterate` — nothing here spells a concept by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from graph_loader.text.transliterate import pinyin
from ontology.labels import class_label_en, class_of_key, concept, concept_by_key, relation_label_en, transliterated
from visualizations.lang_pages import PAGES_EN

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

EN: dict[str, str] = {
    # views.py: builders
    "最多节点": "Max nodes",
    "超过上限时只画前 N 个节点": "above the limit only the first N nodes are drawn",
    "{cls} · 邻居（深度 {depth}）": "{cls} · neighbours (depth {depth})",
    " · 关系：{types}": " · relationships: {types}",
    "深度": "Depth",
    "1 步": "1 step",
    "2 步": "2 steps",
    "关系类型": "Relationship types",
    "不选 = 全部类型": "none = every type",
    "实践视图（采用者按年份、城市）": "Practice view (adopters by year and city)",
    "地区视图": "Region view",
    "实体视图": "Entity view",
    "这个实体在当前筛选下没有相邻实体。": "This entity has no neighbours under the current filter.",
    "这个实体没有相邻实体。": "This entity has no neighbours.",
    "{cls} · {total} 个采用组织（按首次证据年份着色，按城市分组）": (
        "{cls} · {total} adopting organisations (coloured by year of first evidence, grouped by city)"
    ),
    " · 含 {n} 个下位实践": " · with {n} narrower practices",
    "包含下位概念（{n} 个）": "Include narrower concepts ({n})",
    "类别：也画出其下位实践及其采用者": "a category: also draw its narrower practices and their adopters",
    "还没有组织被记录为采用「{name}」。": "No organisation is recorded as adopting “{name}” yet.",
    " 它有 {n} 个下位实践：勾选“包含下位概念”可画出它们的采用者。": (
        " It has {n} narrower practices: tick “Include narrower concepts” to draw their adopters."
    ),
    "{cls} · 载体 {carriers} · 组织 {organizations} · 党组织 {party} · 实践 {practices}": (
        "{cls} · carriers {carriers} · organisations {organizations} · party organisations {party}"
        " · practices {practices}"
    ),
    "包含采用的实践": "Include adopted practices",
    "包含党建联系（党组织）": "Include party-building links (party organisations)",
    "图中还没有位于这个地区的载体或组织。": "The graph has no carrier or organisation in this region yet.",
    "查询 {name}": "Query {name}",
    "请填写必填参数：{names}。": "Please fill in the required parameters: {names}.",
    "查询返回 {n} 行，其中没有可画出的实体。": "The query returned {n} rows with no entity to draw.",
    "概览：连接最多的实体": "Overview: the best-connected entities",
    "实体数": "Entities",
    # render.py, style.py: details panel and legend
    "首次证据年份": "First evidence year",
    "所在城市": "City",
    "中文": "Chinese",
    "拼音": "Pinyin",
    "类型": "Classes",
    "首次证据年份（填充色；边框为类型色）": "Year of first evidence (fill; the border is the class colour)",
    "年份不详": "year unknown",
    "关系": "Relationships",
    # view.html
    "整理 · curate（改名、合并、添加关系；下次构建时生效）": (
        "Curate (rename, merge, add an edge; applied at the next build)"
    ),
    "这个视图共有 <b>{total}</b> 个节点，超过上限 {limit}：只画出了前 <b>{drawn}</b> 个。": (
        "This view has <b>{total}</b> nodes, more than the limit of {limit}: only the first <b>{drawn}</b> are drawn."
    ),
    "请用下面的筛选缩小范围": "Narrow it with the filters below",
    "（选择关系类型、深度 1）": " (choose relationship types, depth 1)",
    "（不含实践或党建联系）": " (without practices or party-building links)",
    "，或提高“最多节点”。": ", or raise “Max nodes”.",
    "（无）": "(none)",
    "更新视图": "Update view",
    "（筛选和链接需要运行中的 <code>ukg serve</code>：{base}）": (
        "(filters and links need a running <code>ukg serve</code>: {base})"
    ),
    "布局中…": "Laying out…",
    "把鼠标移到节点上查看别名、属性和证据；点击节点打开它的视图。": (
        "Hover over a node for its aliases, properties and evidence; click it to open its view."
    ),
    "画出 {drawn} / {total} 个节点，{edges} 条关系": "{drawn} / {total} nodes drawn, {edges} relationships",
    "共 {total} 条证据，显示前 {shown} 条": "{total} pieces of evidence, the first {shown} shown",
    "别名：": "Aliases: ",
    "证据": "Evidence",
    "关系的证据": "Evidence of relationships",
    "这个节点在当前视图中没有证据句。": "This node has no evidence sentence in this view.",
    "视图中的关系（{n}）": "Relationships in the view ({n})",
    "（推定）": " (derived)",
    "（推定，不在图中）": " (derived, not in the graph)",
    "打开实体视图 →": "Open the entity view →",
    "点击打开实体视图": "Click to open the entity view",
    # index.html
    "浙江工会改革知识图谱": "Knowledge graph of Zhejiang's trade-union reform",
    "交互视图：实体、实践、地区、命名查询。节点的颜色和形状表示类型；悬停看证据，点击打开视图。": (
        "Interactive views: entities, practices, regions, named queries. A node's colour and shape give"
        " its class; hover for the evidence, click to open its view."
    ),
    "搜索实体（名称与别名全文检索）": "Search entities (full text over names and aliases)",
    "例如 小镇工会、湖笔小镇、工匠学堂": "e.g. 小镇工会, 湖笔小镇, 工匠学堂",
    "搜索": "Search",
    "没有找到“{q}”。": "Nothing found for “{q}”.",
    "实践视图：采用者按首次证据年份着色、按城市分组": (
        "Practice views: adopters coloured by year of first evidence, grouped by city"
    ),
    "其他": "Other",
    "整个类别（含下位概念）": "the whole category (with narrower concepts)",
    "图中还没有实践概念（先运行 <code>ukg build</code>）。": (
        "The graph has no practice concepts yet (run <code>ukg build</code> first)."
    ),
    "地区视图：城市或区县的载体、工会、党建联系和实践": (
        "Region views: a city's or county's carriers, unions, party-building links and practices"
    ),
    "市": "city",
    "区县": "county",
    "载体 {carriers} · 组织 {organizations}": "carriers {carriers} · organisations {organizations}",
    "图中还没有城市或区县。": "The graph has no city or county yet.",
    "命名查询视图：把任意命名查询的结果画成图": "Named-query views: any named query's result drawn as a graph",
    "概览": "Overview",
    "连接最多的实体": "the best-connected entities",
    "（需填写参数）": " (needs parameters)",
    "审核：接受、拒绝抽取的关系或更正年份": "Review: accept or reject extracted edges, or fix their year",
    "审核页 · review": "Review page",
    "置信度最低的关系排在最前；更正需要令牌（<code>ukg token create 名字</code>），下次构建时生效": (
        "least confident edges first; corrections need a token (<code>ukg token create NAME</code>)"
        " and apply at the next build"
    ),
    "图例": "Legend",
    "实体": "Entity",
    "{n} 条结果": "{n} results",
    "搜索中…": "Searching…",
    "无法搜索：": "Cannot search: ",
    "搜索服务不可用": "The search service is unavailable",
    # message.html and the API's error pages
    "← 返回索引，搜索实体": "← Back to the index to search entities",
    # the review, diffusion and map pages
    **PAGES_EN,
}

# Relationship types the views draw for the layout only (not in the ontology).
DERIVED_EN = {"IN_CITY": "in city"}

# Node properties in the details panel (their Chinese names are visualizations.model.PROP_LABELS).
PROP_LABELS_EN = {
    "form": "Union form",
    "level": "Level",
    "carrierType": "Carrier type",
    "adminLevel": "Administrative level",
    "county": "County",
    "city": "City",
    "category": "Category",
    "id": "Concept id",
    "role": "Role",
    "kind": "Kind",
    "zh": "Chinese",
}


def translate(text: str, lang: str = "zh", **values: Any) -> str:
    """`text` (a Chinese UI string, maybe with {placeholders}) in `lang`, formatted with `values`."""
    shown = EN.get(text, text) if lang == "en" else text
    return shown.format(**values) if values else shown


def concept_label(key: str, name: str, lang: str = "zh") -> str:
    """What a node called `name` is labelled: a concept's English label in English, else `name`."""
    concept = concept_by_key(key) if lang == "en" else None
    return concept.en if concept is not None and concept.en else name


def concept_name(key_or_id: str, name: str, lang: str = "zh") -> str:
    """A concept given by key or bare id (a filter's practice id) in `lang`: its English label, else `name`."""
    found = concept(key_or_id) if lang == "en" else None
    return found.en if found is not None and found.en else name


def place_name(name: str, lang: str = "zh") -> str:
    """A place or organisation name as plain text in `lang`: with its pinyin in brackets in English."""
    return f"{name} ({pinyin(name)})" if lang == "en" and name else name


def name_pinyin(name: str, labels: Iterable[str], lang: str = "zh") -> str | None:
    """The pinyin of an organisation's, person's or place's name in English; None otherwise."""
    return pinyin(name) if lang == "en" and name and transliterated(labels) else None


def class_name(label: str, zh: str, lang: str = "zh") -> str:
    """A node class as the legend and details name it: Chinese, or the ontology's English label."""
    return class_label_en(label) if lang == "en" else zh


def relation_name(rel_type: str, zh: str, lang: str = "zh") -> str:
    """A relationship type as edges and the legend name it: Chinese, or the ontology's English label
    (a type drawn only for the layout, such as IN_CITY, from DERIVED_EN)."""
    if lang != "en":
        return zh
    return DERIVED_EN.get(rel_type) or relation_label_en(rel_type)


def localise(value: Any, lang: str = "zh", name_fields: Iterable[str] = ()) -> Any:
    """An answer (rows, pages, nested objects) for readers of `lang`, as a new value.

    In English every concept object (a `key` such as `practice/…`, or an `id` of the concept scheme
    beside a `name` or `zh`) gains `labelEn`, and every organisation, person or place object (by its
    `labels` or its key's class) gains `pinyin` of its `name`; each string field named in
    `name_fields` (place or organisation names outside an object, e.g. `city`) gains `<field>Pinyin`.
    Nothing is renamed or removed, so a client reading the Chinese answer reads this one too.
    """
    if lang != "en":
        return value
    return _walk(value, tuple(name_fields))


def _walk(value: Any, name_fields: tuple[str, ...]) -> Any:
    if isinstance(value, list | tuple):
        return [_walk(item, name_fields) for item in value]
    if not isinstance(value, Mapping):
        return value
    out = {name: _walk(item, name_fields) for name, item in value.items()}
    key, name = value.get("key"), value.get("name")
    found = concept_by_key(key) if isinstance(key, str) else None
    if found is None and isinstance(value.get("id"), str) and ("name" in value or "zh" in value):
        found = concept(value["id"])
    if found is not None:
        out["labelEn"] = found.en
    elif isinstance(name, str) and name:
        labels = value.get("labels") or ([class_of_key(key)] if isinstance(key, str) else [])
        if transliterated(label for label in labels if label):
            out["pinyin"] = pinyin(name)
    for field in name_fields:
        if isinstance(value.get(field), str) and value[field]:
            out[f"{field}Pinyin"] = pinyin(value[field])
    return out
