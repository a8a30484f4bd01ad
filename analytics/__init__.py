"""Practice-diffusion analytics: pure functions over adoption events (see docs/diffusion.md).

adoptions      ADOPTS → dated, placed adoption events (from pipeline records or Neo4j rows),
               and the explicit SPREAD_TO claims
timeline       per practice: first adopters, adoptions per year and city, cumulative curve
precedence     region → region precedence network with an exact permutation test
innovativeness how early, on average, a region adopts the practices it adopts
export         CSV (one row per adoption event) for statistics packages
graph_export   the loaded graph as GraphML (Gephi) and CSV node/edge tables; graph_selection
               checks the export filters and reads it (GET /export/{format}, ukg export)
synthetic      a corpus in the corpus's own style with planted diffusion, for validation
"""

from analytics.adoptions import (
    AdoptionEvent,
    EvidenceRef,
    SpreadClaim,
    claims_from_records,
    claims_from_rows,
    events_from_records,
    events_from_rows,
)
from analytics.innovativeness import RegionScore, innovativeness
from analytics.precedence import PrecedenceEdge, PrecedenceNetwork, precedence_network
from analytics.timeline import PracticeTimeline, practice_timeline

__all__ = [
    "AdoptionEvent",
    "EvidenceRef",
    "PracticeTimeline",
    "PrecedenceEdge",
    "PrecedenceNetwork",
    "RegionScore",
    "SpreadClaim",
    "claims_from_records",
    "claims_from_rows",
    "events_from_records",
    "events_from_rows",
    "innovativeness",
    "practice_timeline",
    "precedence_network",
]
