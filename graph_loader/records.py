"""The typed records passed between pipeline stages — the one place their fields are defined.

Flow: SourceDocument → NormalizedDocument → Article → ArticleExtraction (Entity, Relation,
Evidence) → resolved graph. A stage takes records and returns records; it never reaches into
another stage's internals.

Offsets: `raw_*` offsets are character offsets into `SourceDocument.raw_text` (the decoded file),
so evidence can be shown in the original; other offsets are into normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SourceDocument:
    """One corpus file, decoded. `sha256` is of the raw bytes: the loader's document key."""

    id: str
    path: str
    raw_text: str
    sha256: str
    encoding: str
    publication: str = ""
    kind: str = ""
    date: str = ""  # ISO date or partial ("2022-06"), from manifest.json when listed there
    # A PDF's page map: page_starts[i] is the raw_text offset where page i + 1 begins; () for text files.
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class RepairFlag:
    """Something the normaliser noticed but could not repair (e.g. a truncated line ending in �)."""

    rule: str
    raw_start: int
    raw_end: int
    message: str


@dataclass(frozen=True)
class NormalizedDocument:
    """Normalised text plus an offset map: `offsets[i]` is the raw offset of normalised char i.

    `offsets` has len(text) + 1 entries; the last one is the raw end, so a normalised span
    [a, b) maps to the raw span [offsets[a], offsets[b-1] + 1).
    """

    source: SourceDocument
    text: str
    offsets: tuple[int, ...]
    flags: tuple[RepairFlag, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file span covering the normalised span [start, end)."""
        if end <= start:
            pos = self.offsets[min(start, len(self.offsets) - 1)]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Author:
    name: str
    role: str  # 记者, 特约记者, 通讯员, 作者


@dataclass(frozen=True)
class DateMention:
    """A date phrase in the text and what it resolves to (ISO date, year-month or year)."""

    phrase: str
    value: str  # "2018-12-10", "2017-09", "2019"
    start: int  # normalised offsets within the article text
    end: int
    relative: bool = False


@dataclass(frozen=True)
class Article:
    """One article, report, sketch or project blurb inside a source document.

    `text` is the normalised article text; `start`/`end` are its span in the document's
    normalised text and `raw_start`/`raw_end` its span in the raw file.
    """

    doc_id: str
    index: int
    title: str
    text: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    date: str
    date_basis: str = "publication"  # publication | stated
    subtitle: str = ""
    unit: str = ""
    kind: str = "article"  # article | sketch | blurb | chronicle | toc | afterword | report
    authors: tuple[Author, ...] = ()
    dates: tuple[DateMention, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.doc_id}#{self.index:03d}"


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: the sentence, its raw-file span, the article and its date.

    `dated`/`date_basis`/`date_phrase` say when the sentence dates the fact it supports, set once
    by extraction (only for adoptions and spread claims so far): `stated` (the sentence names the
    date), `relative` (a phrase such as 去年 resolved against the article's date), `article` (the
    sentence names none: the article's date), or "" when undated — so analytics reads the date
    instead of re-running the extractor's date rules.
    """

    doc_id: str
    article_id: str
    raw_start: int
    raw_end: int
    quote: str
    date: str
    start: int = 0  # offsets of the quote in the article's normalised text
    end: int = 0
    surfaces: tuple[str, ...] = ()  # for a relation: the surface forms of its ends seen in the quote
    dated: str = ""
    date_basis: str = ""  # stated | relative | article | ""
    date_phrase: str = ""
    page: int | None = None  # 1-based page of raw_start in a PDF source (None for text files)


DATE_BASES = ("stated", "relative", "article", "")


@dataclass(frozen=True)
class Entity:
    """An entity mention resolved (or to be resolved) to a canonical name.

    `type` is the ontology class local name (UnionOrganization, Person, Carrier, …);
    `props` holds class-specific properties (form, level, carrierType, county, city, …).
    Frozen: a stage that renames or merges entities returns new ones (dataclasses.replace).
    """

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.type, self.name)


@dataclass(frozen=True)
class EntityRef:
    """A relation end that is an entity: its ontology class local name and canonical name.

    The class is the one extraction saw, so the writer and the RDF export need not guess it from
    the name; the instance key is `Ontology.instance_key(cls, name)` (not stored: a rename
    would have to keep it in step).
    """

    cls: str
    name: str

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class ConceptRef:
    """A relation end that is a SKOS concept: a practice or a programme of concepts.ttl."""

    scheme: str  # practice | program
    id: str

    @property
    def label(self) -> str:
        """The gold-format spelling, `practice:<id>` / `program:<id>`."""
        return f"{self.scheme}:{self.id}"


@dataclass(frozen=True)
class ArticleRef:
    """A relation end that is the article the fact is stated in (AUTHORED: range Article)."""

    id: str
    title: str = ""

    @property
    def label(self) -> str:
        """The gold-format spelling: the article's title (its id when untitled)."""
        return self.title or self.id


RelationEnd = EntityRef | ConceptRef | ArticleRef


@dataclass(frozen=True)
class Relation:
    """A typed edge; its ends say what they are (entity, concept or article), set when built."""

    type: str
    head: RelationEnd
    tail: RelationEnd
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, RelationEnd, RelationEnd]:
        """What makes two records the same edge (their evidence and props are merged)."""
        return (self.type, self.head, self.tail)


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article; the unit of the gold-format JSONL output."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass(frozen=True)
class ResolvedGraph:
    """The corpus after resolution: what the Neo4j writer and the RDF export take as input."""

    documents: tuple[SourceDocument, ...]
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
