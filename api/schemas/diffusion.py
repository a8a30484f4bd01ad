"""Response models of the diffusion endpoints (analytics/*; field meanings in docs/diffusion.md)."""

from __future__ import annotations

from typing import Any

from api.schemas.base import Number, Row, examples

# --- diffusion (analytics/*; field meanings in docs/diffusion.md) ---------------------------------


class AdoptionEvent(Row):
    model_config = examples(
        {
            "practice": "craftsman-school",
            "organization": "湖州市南浔区善琏湖笔小镇工会联合会",
            "year": 2018,
            "date_basis": "article",
            "evidence": [{"quote": "…", "doc_id": "2018-zjgy-407-408"}],
        }
    )
    practice: str
    organization: str
    county: str
    city: str
    year: int | None
    date: str
    date_basis: str
    earliest: str = ""
    latest: str = ""
    earliest_basis: str = "unknown"
    latest_basis: str = "unknown"
    evidence: list[dict[str, Any]]


class SpreadClaim(Row):
    practice: str
    source: str
    target: str
    year: int | None
    date_basis: str
    evidence: list[dict[str, Any]]


class PracticeName(Row):
    id: str
    zh: str
    en: str


class Timeline(Row):
    """A practice's diffusion: first adopters, adoptions per year and city, the cumulative curve."""

    model_config = examples(
        {
            "practice": {"id": "craftsman-school", "zh": "工匠学堂", "en": "Craftsman school / worker classroom"},
            "adoptions": 13,
            "first_year": 2017,
            "first_adopters": [{"organization": "…", "county": "…", "city": "杭州市", "year": 2017}],
            "per_year": [{"year": 2018, "adoptions": 10}],
            "per_city": [{"city": "杭州市", "adoptions": 6}],
            "cumulative": [{"year": 2017, "adopters": 1}],
            "undated": 0,
            "events": [],
            "spread_claims": [],
        }
    )
    practice: PracticeName
    adoptions: int
    first_year: int | None
    first_adopters: list[dict[str, Any]]
    per_year: list[dict[str, Any]]
    per_city: list[dict[str, Any]]
    cumulative: list[dict[str, Any]]
    undated: int
    events: list[AdoptionEvent]
    spread_claims: list[SpreadClaim]


class PrecedenceEdge(Row):
    source: str
    target: str
    weight: int
    shared: int
    expected: Number
    p_value: Number
    q_value: Number
    mean_lag: Number
    significant: bool
    direct: bool
    established: int = 0
    unknown: int = 0
    tied: int = 0
    against: int = 0
    one_sided: int = 0


class RegionScore(Row):
    region: str
    level: str
    score: Number | None
    mean_lag: Number | None
    practices: int
    firsts: int
    sole: int


class Network(Row):
    model_config = examples(
        {
            "level": "city",
            "alpha": 0.05,
            "min_weight": 2,
            "tested_pairs": 1,
            "shown_edges": 0,
            "chance_edges": 0.05,
            "pairs": {"established": 77, "one_sided": 70, "unknown": 874, "tied": 1},
            "edges": [],
            "innovativeness": [{"region": "温州市", "score": 0.586, "practices": 47}],
        }
    )
    level: str
    alpha: Number
    min_weight: int
    tested_pairs: int
    shown_edges: int
    chance_edges: Number | None
    pairs: dict[str, int] = {}
    edges: list[PrecedenceEdge]
    innovativeness: list[RegionScore]


class RegionProfile(Row):
    model_config = examples(
        {
            "region": "湖州市",
            "level": "city",
            "adoptions": 28,
            "first_adopter_of": [],
            "innovativeness": {"score": 0.486},
            "follows": [],
            "followed_by": [],
            "events": [],
        }
    )
    region: str
    level: str
    adoptions: int
    first_adopter_of: list[dict[str, Any]]
    innovativeness: RegionScore | None
    follows: list[PrecedenceEdge]
    followed_by: list[PrecedenceEdge]
    events: list[AdoptionEvent]


# --- hazard model (analytics/hazard.py; docs/diffusion.md "Event-history analysis") -----------


class HazardCoefficient(Row):
    name: str
    label: str
    coef: Number
    se: Number
    ci_low: Number
    ci_high: Number
    odds_ratio: Number
    or_low: Number
    or_high: Number
    p_value: Number


class HazardFit(Row):
    """A discrete-time hazard fit over region-years at risk, or the reason it was refused."""

    model_config = examples(
        {
            "level": "city",
            "practice": None,
            "censoring": "stated",
            "effects": "practice",
            "region_years": 5981,
            "events": 449,
            "refused": None,
            "coefficients": [
                {"name": "neighbour_share", "coef": 1.79, "ci_low": 1.35, "ci_high": 2.22, "odds_ratio": 5.99}
            ],
        },
        {"level": "city", "practice": None, "region_years": 14, "events": 3,
         "refused": "too few adoptions with a known year in the risk set (3 < 10); the data cannot support a "
         "hazard model", "coefficients": []},
    )
    level: str
    practice: str | None
    censoring: str
    effects: str
    region_years: int
    events: int
    regions: int
    practices: int
    adoptions: int
    exact: int
    interval_censored: int
    no_lower_bound: int
    before_observation: int
    without_neighbours: int
    refused: str | None
    coefficients: list[HazardCoefficient]
    dropped: list[str]
    practices_without_variation: int
    mean_year: Number | None
    log_likelihood: Number | None
    pseudo_r2: Number | None
    adjacency: str = ""
