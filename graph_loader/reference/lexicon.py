"""Lexicons for the extractors: ontology concepts plus our own data files, loaded once.

Why a module of its own: practice and programme cues must come from the ontology façade (the
SKOS alt labels are the yaml cues), and every grammar list (suffixes, boundary words, surnames)
lives in a data file under graph_loader/reference/data, so rules can be tuned without touching code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ontology.model import get_ontology

DATA_DIR = Path(__file__).resolve().parent / "data"

ONT = get_ontology()
# Every label / relationship type used by the extractors, validated against the ontology once.
UNION = ONT.label("UnionOrganization")
PARTY = ONT.label("PartyOrganization")
MASS = ONT.label("MassOrganization")
GOVERNMENT = ONT.label("GovernmentBody")
ENTERPRISE = ONT.label("Enterprise")
ALLIANCE = ONT.label("Alliance")
PERSON = ONT.label("Person")
CARRIER = ONT.label("Carrier")
ADMIN_AREA = ONT.label("AdminArea")
BRAND = ONT.label("ServiceBrand")
HONOR = ONT.label("Honor")
EVENT = ONT.label("Event")
POLICY = ONT.label("PolicyDocument")

SUB_ORGANIZATION_OF = ONT.rel("SUB_ORGANIZATION_OF")
LOCATED_IN = ONT.rel("LOCATED_IN")
COVERS = ONT.rel("COVERS")
PARTY_BUILDING = ONT.rel("PARTY_BUILDING")
HOLDS_POSITION = ONT.rel("HOLDS_POSITION")
ADOPTS = ONT.rel("ADOPTS")
OPERATES = ONT.rel("OPERATES")
INSTANCE_OF = ONT.rel("INSTANCE_OF")
PARTICIPATES_IN = ONT.rel("PARTICIPATES_IN")
RECEIVED = ONT.rel("RECEIVED")
PARTNERS_WITH = ONT.rel("PARTNERS_WITH")
MEMBER_OF = ONT.rel("MEMBER_OF")
SPREAD_TO = ONT.rel("SPREAD_TO")
AUTHORED = ONT.rel("AUTHORED")
ISSUED = ONT.rel("ISSUED")
ORGANIZED = ONT.rel("ORGANIZED")
HELD_IN = ONT.rel("HELD_IN")

ORGANIZATION_TYPES = (UNION, PARTY, MASS, GOVERNMENT, ENTERPRISE, ALLIANCE)


def load_data(name: str) -> dict[str, Any]:
    """One YAML data file of graph_loader/reference/data, parsed (cached by the callers' loaders)."""
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@dataclass(frozen=True)
class ConceptLexicon:
    """Cue phrases of concepts (practices or programmes) and one regex that finds any of them."""

    cues: dict[str, tuple[str, ...]]  # concept id -> cues, longest first
    by_cue: dict[str, tuple[str, ...]]  # cue -> concept ids
    pattern: re.Pattern[str]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, cue) of every cue occurrence, longest match at each position."""
        return [(m.start(), m.end(), m.group(0)) for m in self.pattern.finditer(text)]


def _build(cues: dict[str, list[str]]) -> ConceptLexicon:
    by_cue: dict[str, list[str]] = {}
    clean: dict[str, tuple[str, ...]] = {}
    for cid, words in cues.items():
        uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        clean[cid] = tuple(uniq)
        for w in uniq:
            by_cue.setdefault(w, []).append(cid)
    alternation = "|".join(re.escape(w) for w in sorted(by_cue, key=lambda w: (-len(w), w)))
    return ConceptLexicon(clean, {k: tuple(v) for k, v in by_cue.items()}, re.compile(alternation))


@functools.cache
def practice_lexicon() -> ConceptLexicon:
    """Practice cues: the ontology's alt labels and zh label, extended by practice_cues.yaml."""
    extra = load_data("practice_cues.yaml").get("extra_cues", {})
    cues: dict[str, list[str]] = {}
    for concept in ONT.practices:
        words = list(concept.alt_labels) + [concept.zh] + list(extra.get(concept.id, []))
        cues[concept.id] = [w for w in words if "/" not in w and "（" not in w]
    return _build(cues)


@functools.cache
def program_lexicon() -> ConceptLexicon:
    """Programme cues from the ontology (alt labels + zh label)."""
    extra = load_data("practice_cues.yaml").get("program_extra_cues", {})
    return _build({c.id: list(c.alt_labels) + [c.zh] + list(extra.get(c.id, [])) for c in ONT.programs})


@functools.cache
def practice_rules() -> dict[str, Any]:
    """Context rules for practices: needs_context, plan/guidance markers, other-body words."""
    return load_data("practice_cues.yaml")


@functools.cache
def founding_words() -> tuple[str, ...]:
    """Words that report a body's founding (practice_cues.yaml `founding_words`), longest first."""
    return _longest_first(practice_rules().get("founding_words", []))


@functools.cache
def _rules() -> dict[str, Any]:
    return load_data("rules.yaml")


def rule_confidence(rule: str) -> float:
    """How often the rule's edges are right (rules.yaml, measured on the dev gold by
    bench/calibrate_rules.py); a rule not measured yet gets the file's `default`."""
    data = _rules()
    return float(data.get("confidence", {}).get(rule, data["default"]))


@functools.cache
def org_grammar() -> dict[str, Any]:
    return load_data("organizations.yaml")


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@functools.cache
def union_suffixes() -> tuple[str, ...]:
    """Every union-body suffix (organizations.yaml `union_suffixes`), longest first.

    The one list: the subsets below are derived from its flags, never written out again.
    """
    return _longest_first(org_grammar()["union_suffixes"])


@functools.cache
def union_suffix_forms() -> dict[str, str]:
    """Mention suffixes and the union form each gives (工会联合会 → 工会联合会, 工会 → 其他).

    工会委员会 has no form: a mention of …工会委员会 is read as …工会 by the mention grammar.
    """
    table = org_grammar()["union_suffixes"]
    return {word: table[word]["form"] for word in union_suffixes() if table[word].get("form")}


@functools.cache
def heading_union_suffixes() -> tuple[str, ...]:
    """Suffixes that make a short line a unit heading (segmenter, line joining), longest first."""
    table = org_grammar()["union_suffixes"]
    return tuple(word for word in union_suffixes() if table[word].get("heading"))


@functools.cache
def short_union_suffixes() -> tuple[str, ...]:
    """Suffixes that, written alone in a post (楼宇工会主席), stand for a union; longest first."""
    table = org_grammar()["union_suffixes"]
    return tuple(word for word in union_suffixes() if table[word].get("short"))


@functools.cache
def carrier_grammar() -> dict[str, Any]:
    return load_data("carriers.yaml")


@functools.cache
def person_grammar() -> dict[str, Any]:
    return load_data("persons.yaml")


@functools.cache
def brand_grammar() -> dict[str, Any]:
    return load_data("brands.yaml")


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of the words, longest first (so 工会联合会 beats 工会), escaped."""
    return "|".join(re.escape(w) for w in _longest_first(words))


def suffix_regex(suffixes: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any suffix, longest first (so 工会联合会 beats 工会)."""
    return re.compile(alternation(suffixes))


@dataclass(frozen=True)
class PracticeFrame:
    """A practice described by what is done: slots (compiled regexes) that match in order."""

    practice: str
    slots: tuple[re.Pattern[str], ...]
    gap: int
    distinct: bool


@functools.cache
def practice_frames() -> tuple[PracticeFrame, ...]:
    """Verb + object frames per practice (practice_frames.yaml), for paraphrases without a cue."""
    data = load_data("practice_frames.yaml")
    default_gap = int(data.get("gap", 16))
    return tuple(
        PracticeFrame(pid, tuple(re.compile(slot) for slot in frame["slots"]),
                      int(frame.get("gap", default_gap)), bool(frame.get("distinct", False)))
        for pid, frames in (data.get("frames") or {}).items()
        for frame in frames
    )
