"""A discrete-time hazard model of practice adoption, fitted by logistic regression (statsmodels).

Over the region-years at risk (analytics.risk_set: observed, not yet adopted), the log-odds that
a region adopts a practice in a year are modelled as

    logit h(r, p, t) = α_p + β·neighbour_share + γ·pilot + δ·district + τ·(t − mean year)

with one intercept α_p per practice when several practices are pooled (`effects="practice"`,
the default: practices differ in how fast they spread; a practice without an event, or with
nothing but events, says nothing about β and is left out), a single intercept for one practice
or with `effects="common"`. This is the discrete-time form of event-history analysis used for
policy diffusion (Berry & Berry 1990; Allison 1982): the logit over region-years is the
likelihood of a grouped-time hazard model.

Why practice effects by default, measured on tests/support/synthetic_hazard.py (6 × 6 grid,
24 practices whose baseline log-odds differ by s.d. 0.3): a common intercept lets fast-spreading
practices pass for a neighbour effect (planted β = 0 gives β̂ ≈ +0.27 on average), while practice
effects bias β̂ *towards zero* (≈ −0.2: the share of adopted neighbours is built from the same
practice's past events, a Nickell-type bias that shrinks as regions per practice grow). A spurious
neighbour effect is the worse error for a diffusion claim, so the conservative estimator is the
default; both are available.

The fit reports each coefficient with its Wald 95 % interval and odds ratio, and the numbers it
rests on (region-years at risk, events, interval-censored adoptions). It is **refused** — a
`HazardFit` with `refused` set to a one-line reason and no coefficients — when the data cannot
support it: no adjacency, too few events or non-events, no variation in the neighbour share,
(quasi-)perfect separation, or a fit that does not converge. Covariates other than the
neighbour share that do not vary (no pilot region, a city-level model's district flag) are
dropped and named in `dropped`; the model is still about the neighbour effect.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import (
    ConvergenceWarning,
    HessianInversionWarning,
    PerfectSeparationError,
    PerfectSeparationWarning,
)

from analytics.adoptions import AdoptionEvent
from analytics.intervals import CoveredDocument
from analytics.risk_set import Censoring, RegionYear, RiskSet, build_risk_set

MIN_EVENTS = 10  # fewer events than this and a logit's intervals mean little (Peduzzi et al. 1996)
MIN_KNOWN_SHARE = 0.25  # below it the censoring choice, not the data, decides the estimate (docs/diffusion.md)
MAX_ABS_COEF = 15.0  # a log-odds this large is separation, not an estimate
MAX_SE = 50.0
Effects = Literal["common", "practice"]
EFFECTS: tuple[str, ...] = ("common", "practice")
COVARIATES = ("neighbour_share", "pilot", "district", "year")
_LABELS = {
    "neighbour_share": "share of adjacent regions that adopted earlier (0..1)",
    "pilot": "region takes part in a reform pilot programme",
    "district": "urban district (市辖区) rather than county / county-level city",
    "year": "calendar year (centred)",
}


@dataclass(frozen=True)
class Coefficient:
    name: str
    label: str
    coef: float
    se: float
    ci_low: float
    ci_high: float
    odds_ratio: float
    or_low: float
    or_high: float
    p_value: float


@dataclass(frozen=True)
class HazardFit:
    level: str
    practice: str | None
    censoring: str
    region_years: int
    events: int
    regions: int
    practices: int
    adoptions: int  # region-level adoptions of the practices considered
    exact: int  # with a known year
    interval_censored: int  # year unknown (censored at the lower bound, or dated to the upper with censoring=upper)
    no_lower_bound: int
    before_observation: int
    without_neighbours: int
    refused: str | None = None
    effects: str = "common"  # one intercept, or one per practice (pooled fits only)
    coefficients: tuple[Coefficient, ...] = ()
    dropped: tuple[str, ...] = ()
    practices_without_variation: int = 0
    mean_year: float | None = None
    log_likelihood: float | None = None
    pseudo_r2: float | None = None

    def coefficient(self, name: str) -> Coefficient:
        return next(c for c in self.coefficients if c.name == name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _summary(risk: RiskSet, practice: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "level": risk.level,
        "practice": practice,
        "censoring": risk.censoring,
        "region_years": len(risk.rows),
        "events": risk.events,
        "regions": len({r.region for r in risk.rows}),
        "practices": len({r.practice for r in risk.rows}),
        "adoptions": risk.adoptions,
        "exact": risk.exact,
        "interval_censored": risk.interval_censored,
        "no_lower_bound": risk.no_lower_bound,
        "before_observation": risk.before_observation,
        "without_neighbours": len(risk.without_neighbours),
        **extra,
    }


def _informative(rows: Sequence[RegionYear]) -> tuple[list[RegionYear], int]:
    """Rows of the practices with both events and non-events (the only ones a practice-effect fit uses)."""
    outcomes: dict[str, set[bool]] = {}
    for row in rows:
        outcomes.setdefault(row.practice, set()).add(row.event)
    keep = {p for p, seen in outcomes.items() if len(seen) == 2}
    return [r for r in rows if r.practice in keep], len(outcomes) - len(keep)


def _design(rows: Sequence[RegionYear], practice_effects: bool) -> tuple[np.ndarray, list[str], list[str], float]:
    """Design matrix (covariates that vary, then intercepts), their names, the dropped ones, mean year."""
    mean_year = float(np.mean([r.year for r in rows]))
    values = {
        "neighbour_share": [r.neighbour_share for r in rows],
        "pilot": [float(r.pilot) for r in rows],
        "district": [float(r.district) for r in rows],
        "year": [r.year - mean_year for r in rows],
    }
    names = [n for n in COVARIATES if np.ptp(values[n]) > 0]
    dropped = [n for n in COVARIATES if n not in names]
    columns = [values[n] for n in names]
    practices = sorted({r.practice for r in rows})
    if practice_effects and len(practices) > 1:
        columns += [[float(r.practice == p) for r in rows] for p in practices]
    else:
        columns.append([1.0] * len(rows))
    return np.column_stack(columns), names, dropped, mean_year


def fit_risk_set(
    risk: RiskSet, practice: str | None = None, min_events: int = MIN_EVENTS, effects: Effects = "practice"
) -> HazardFit:
    """Fit the hazard model to a risk set, or refuse with the reason."""
    if effects not in EFFECTS:
        raise ValueError(f"effects must be one of {', '.join(EFFECTS)}, not {effects!r}")
    fixed = effects == "practice" and practice is None
    rows, constant_practices = _informative(risk.rows) if fixed else (list(risk.rows), 0)
    base = _summary(risk, practice, practices_without_variation=constant_practices)
    events = sum(r.event for r in rows)
    if risk.censoring == "stated" and risk.adoptions and risk.exact < MIN_KNOWN_SHARE * risk.adoptions:
        return HazardFit(
            **base,
            refused=f"only {risk.exact} of {risk.adoptions} adoptions have a known year; with the rest censored the "
            "estimate would reflect who reports years, not who follows whom",
        )
    if not risk.rows:
        return HazardFit(**base, refused="no region-year at risk: no region is observed before it adopts")
    if events < min_events:
        return HazardFit(
            **base,
            refused=f"too few adoptions with a known year in the risk set ({events} < {min_events}); "
            "the data cannot support a hazard model",
        )
    if len(rows) - events < min_events:
        return HazardFit(**base, refused=f"too few region-years without adoption ({len(rows) - events})")
    design, names, dropped, mean_year = _design(rows, practice_effects=fixed)
    base.update(
        dropped=tuple(dropped),
        mean_year=mean_year,
        region_years=len(rows),
        events=events,
        effects="practice" if fixed else "common",
    )
    if "neighbour_share" not in names:
        return HazardFit(
            **base,
            refused="the share of adopted neighbours never varies in the risk set (no adjacency or no "
            "neighbour adopted earlier)",
        )
    outcome = np.array([float(r.event) for r in rows])
    with warnings.catch_warnings():
        for category in (ConvergenceWarning, HessianInversionWarning, PerfectSeparationWarning, RuntimeWarning):
            warnings.simplefilter("error", category)
        try:
            result = sm.Logit(outcome, design).fit(method="newton", maxiter=100, disp=False)
        except (PerfectSeparationError, PerfectSeparationWarning):
            return HazardFit(**base, refused="perfect separation: a covariate predicts adoption exactly")
        except (ConvergenceWarning, HessianInversionWarning, RuntimeWarning, np.linalg.LinAlgError) as error:
            return HazardFit(**base, refused=f"the fit did not converge ({type(error).__name__})")
    if not result.mle_retvals.get("converged", False):
        return HazardFit(**base, refused="the fit did not converge in 100 Newton steps")
    params, ses, pvalues = result.params, result.bse, result.pvalues
    ci = result.conf_int(0.05)
    coefficients = []
    for i, name in enumerate(names):
        if not (math.isfinite(ses[i]) and abs(params[i]) < MAX_ABS_COEF and ses[i] < MAX_SE):
            return HazardFit(
                **base, refused=f"quasi-complete separation on {name} (estimate {params[i]:.3g}, s.e. {ses[i]:.3g})"
            )
        coefficients.append(
            Coefficient(
                name,
                _LABELS[name],
                float(params[i]),
                float(ses[i]),
                float(ci[i][0]),
                float(ci[i][1]),
                math.exp(params[i]),
                math.exp(ci[i][0]),
                math.exp(ci[i][1]),
                float(pvalues[i]),
            )
        )
    return HazardFit(
        **base,
        coefficients=tuple(coefficients),
        log_likelihood=float(result.llf),
        pseudo_r2=float(result.prsquared),
    )


def hazard_model(
    events: Sequence[AdoptionEvent],
    level: str,
    adjacency: Mapping[str, frozenset[str]],
    pilots: Mapping[str, int | None] | None = None,
    practice: str | None = None,
    censoring: Censoring = "stated",
    coverage: Sequence[CoveredDocument] | None = None,
    min_events: int = MIN_EVENTS,
    effects: Effects = "practice",
) -> HazardFit:
    """Build the risk set of all `events` (one practice, or all pooled) and fit it."""
    risk = build_risk_set(events, level, adjacency, pilots, practice, censoring, coverage)
    if not any(adjacency.values()):
        return HazardFit(**_summary(risk, practice), refused=f"no adjacency between {level} regions was given")
    return fit_risk_set(risk, practice, min_events, effects)
