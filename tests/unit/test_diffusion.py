"""Diffusion analytics as pure functions: dating, placing, the exact permutation test, pruning,
innovativeness, CSV, and the extraction they rely on (ADOPTS.year, SPREAD_TO)."""

from __future__ import annotations

import io
import itertools
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from analytics.adoptions import (
    ARTICLE,
    STATED,
    AdoptionEvent,
    EvidenceRef,
    choose_date,
    events_from_rows,
    locate,
)
from analytics.export import COLUMNS, FIELDNAMES, write_events_csv
from analytics.innovativeness import innovativeness
from analytics.intervals import BEFORE, Interval, interval_of
from analytics.order_test import bounded, sign_p_value, tally_pairs
from analytics.precedence import adoption_times, precedence_network, shuffle_times
from analytics.timeline import practice_timeline
from graph_loader.extract.evidence_dates import quote_date
from graph_loader.text.dates import stated_date
from tests.support.extraction import extract_text
from tests.support.synthetic import PLANTED_EDGES, plan_world

DOCS = Path(__file__).resolve().parents[2] / "docs" / "diffusion.md"


def event(practice: str, org: str, city: str, year: int | None, county: str = "") -> AdoptionEvent:
    return AdoptionEvent(practice, org, "UnionOrganization", county, city, year, str(year or ""),
                         STATED if year else "unknown")


# --- dating -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "cue", "article_date", "expected"), [
    ("2019年，湖州市南浔区丝韵小镇工会联合会创办“工匠学堂”。", "工匠学堂", "2023-06-30", "2019"),
    ("小镇工会于2017年11月开设职工书屋。", "职工书屋", "2018-12-10", "2017-11"),
    ("2015年6月小镇列入名单，2017年成立工会并开设工匠学堂。", "工匠学堂", "2018-12-10", "2017"),
    ("工会开设工匠学堂，那是2016年的事。", "工匠学堂", "2018-12-10", "2016"),  # only after the cue
    ("去年以来，区总工会推出工匠课堂。", "工匠课堂", "2024-04-25", "2023"),
    ("近年来，区总工会推出工匠课堂。", "工匠课堂", "2024-04-25", None),  # vague: no date
    ("区总工会开设工匠学堂，力争到2025年覆盖全区。", "工匠学堂", "2022-09-20", None),  # a target
])
def test_stated_date(sentence: str, cue: str, article_date: str, expected: str | None) -> None:
    found = stated_date(sentence, sentence.index(cue), article_date)
    assert (found.value if found else None) == expected


def test_evidence_date_reads_the_cue_sentence_of_the_quote() -> None:
    quote = "2015年6月,小镇被列入名单。\n小镇工会在蒙公祠内设立“工匠 学堂”,定期培训。"
    assert quote_date(quote, "craftsman-school", "2018-12-10") == ("2018-12-10", "article", "")
    quote = ("湖州市南浔区丝韵小镇工会联合会 匠心筑梦\n"
             "2016年，小镇工会联合会开设“工匠学堂”，邀请技术骨干授课。")
    assert quote_date(quote, "craftsman-school", "2023-06-30") == ("2016", "stated", "2016年")
    assert quote_date("去年，区总工会开设工匠学堂。", "craftsman-school", "2019-05") == ("2018", "relative", "去年")
    assert quote_date("区总工会开设工匠学堂。", "craftsman-school", "") == ("", "", "")


def test_events_read_the_date_extraction_gave_the_evidence() -> None:
    """Analytics does not re-date: a relative phrase counts as stated, undated evidence is unknown."""
    def evidence(dated: str, basis: str, phrase: str = "", start: int = 0) -> dict:
        return {"quote": "区总工会开设工匠学堂", "docId": "d", "articleId": "d#001", "rawStart": start,
                "rawEnd": start + 9, "date": "2019-05", "datedValue": dated, "dateBasis": basis, "datePhrase": phrase}

    row = {"practice": "craftsman-school", "organization": "杭州市西湖区总工会", "labels": ["UnionOrganization"],
           "evidence": [evidence("2019-05", "article"), evidence("2018", "relative", "去年", 20)]}
    [event] = events_from_rows([row])
    assert (event.year, event.date, event.date_basis, event.date_phrase) == (2018, "2018", STATED, "去年")
    assert [ref.date_basis for ref in event.evidence] == [STATED, ARTICLE]
    [undated] = events_from_rows([{**row, "evidence": [evidence("", "")]}])
    assert (undated.year, undated.date_basis) == (None, "unknown")


def test_earliest_date_wins_and_stated_beats_article_in_a_year() -> None:
    def ref(date: str, basis: str) -> EvidenceRef:
        return EvidenceRef("d", "d#001", 0, 1, "…", "2022-09-20", date, basis)

    assert choose_date(None, [ref("2022-09-20", ARTICLE), ref("2019", STATED)])[:3] == (2019, "2019", STATED)
    earliest = choose_date(None, [ref("2018-12-10", ARTICLE), ref("2019", STATED)])
    assert earliest[:3] == (2018, "2018-12-10", ARTICLE)
    assert choose_date(2018, [ref("2018-12-10", ARTICLE)])[:3] == (2018, "2018", STATED)
    assert choose_date(None, []) == (None, "", "unknown", "")


def test_locate_from_name_places_and_outside() -> None:
    assert locate("嘉兴市南湖区总工会") == ("嘉兴市南湖区", "嘉兴市")
    assert locate("瑞安市浙报文创园联合工会") == ("瑞安市", "温州市")
    assert locate("宁波市海员建设工会") == ("", "宁波市")
    assert locate("浙江省总工会") == ("", "")
    assert locate("某某园区工会", places=["湖州市南浔区"]) == ("湖州市南浔区", "湖州市")
    assert locate("某某园区工会", county="德清县") == ("德清县", "湖州市")


# --- the permutation test -----------------------------------------------------------------

def _brute_force_p(intervals: dict[str, dict[str, Interval]], a: str, b: str) -> float:
    """P(W(a→b) >= observed) under the pair's null, by enumerating every way of swapping a's and
    b's intervals practice by practice (each of the 2^n assignments equally likely)."""
    shared = [t for t in intervals.values() if a in t and b in t]
    observed = sum(t[a].order(t[b]) == BEFORE and bounded(t[a]) and bounded(t[b]) for t in shared)
    hits = total = 0
    for swaps in itertools.product((False, True), repeat=len(shared)):
        wins = 0
        for t, swap in zip(shared, swaps, strict=True):
            first, second = (t[b], t[a]) if swap else (t[a], t[b])
            wins += first.order(second) == BEFORE and bounded(first) and bounded(second)
        total += 1
        hits += wins >= observed
    return hits / total


def test_sign_test_p_value_equals_enumerating_every_swap() -> None:
    stated = {y: interval_of(str(y), STATED, str(y)) for y in range(2014, 2020)}
    open_2018 = interval_of("", "unknown", "2018-12-10")  # article date, no lower bound
    after_2016 = interval_of("2016-01-10", "coverage", "2019-01-10")
    intervals = {
        "p1": {"杭州市": stated[2015], "湖州市": stated[2016], "嘉兴市": stated[2016]},
        "p2": {"杭州市": stated[2014], "湖州市": after_2016, "宁波市": stated[2015]},
        "p3": {"杭州市": stated[2016], "湖州市": stated[2016]},  # tie: no order
        "p4": {"湖州市": stated[2015], "杭州市": stated[2017]},  # against
        "p5": {"杭州市": open_2018, "湖州市": stated[2019]},  # one-sided: cannot count
        "p6": {"杭州市": stated[2014], "湖州市": stated[2018]},
    }
    tallies = tally_pairs(intervals)
    forward = tallies[("杭州市", "湖州市")]
    assert (len(forward.wins), len(forward.losses), forward.one_sided, forward.tied) == (3, 1, 1, 1)
    for a, b in [("杭州市", "湖州市"), ("湖州市", "杭州市")]:
        tally = tallies[(a, b)]
        assert sign_p_value(len(tally.wins), tally.counted) == pytest.approx(_brute_force_p(intervals, a, b))
    assert sign_p_value(3, 4) == pytest.approx(5 / 16)  # 4 + 1 of the 16 assignments


def test_one_sided_orders_never_make_an_edge() -> None:
    """A region known only from above (article dates, never reported before) precedes everyone
    reported later and can follow no one: those orders are listed, not tested."""
    magazine = interval_of("", "unknown", "2018-12-10")
    intervals = {f"p{i}": {"温州市": magazine, "宁波市": interval_of(str(2019 + i % 4), STATED, str(2019 + i % 4))}
                 for i in range(12)}
    tally = tally_pairs(intervals)[("温州市", "宁波市")]
    assert tally.established == tally.one_sided == 12 and tally.counted == 0


def test_shuffling_keeps_each_practices_years_and_adopters() -> None:
    adoptions = {"p1": {"A": 1, "B": 2, "C": 3}, "p2": {"A": 5, "D": 1}}
    shuffled = shuffle_times(adoptions, random.Random(1))
    for practice, times in adoptions.items():
        assert set(shuffled[practice]) == set(times)
        assert sorted(shuffled[practice].values()) == sorted(times.values())


def _planted_events(seed: int) -> tuple[list[AdoptionEvent], set[tuple[str, str]]]:
    world = plan_world(seed)
    return ([event(a.practice, a.organization.name, a.organization.city, a.year, a.organization.county)
             for a in world.adoptions], set(world.edges))


def test_method_recovers_planted_networks_across_seeds() -> None:
    """With exact events (no text), 20 planted worlds: every one at precision and recall >= 0.8."""
    for seed in range(20):
        events, planted = _planted_events(seed)
        shown = {(e.source, e.target) for e in precedence_network(events, "city", shuffles=0).shown}
        tp = len(shown & planted)
        assert tp / max(len(shown), 1) >= 0.8, (seed, sorted(shown), sorted(planted))
        assert tp / len(planted) >= 0.8, (seed, sorted(shown), sorted(planted))


def test_chain_is_pruned_to_its_links() -> None:
    events, _ = _planted_events(8)
    network = precedence_network(events, "city", shuffles=0)
    by_pair = {(e.source, e.target): e for e in network.edges}
    # 杭州 precedes 衢州 (via 湖州) significantly, but the edge is relayed, so not shown
    assert by_pair[("杭州市", "衢州市")].significant
    assert not by_pair[("杭州市", "衢州市")].direct
    assert "湖州市" in by_pair[("杭州市", "衢州市")].relayed_by
    assert by_pair[("湖州市", "衢州市")].direct


def test_shuffled_times_give_no_network() -> None:
    events, _ = _planted_events(3)
    rng = random.Random(5)
    shuffled = []
    by_practice: dict[str, list[AdoptionEvent]] = {}
    for e in events:
        by_practice.setdefault(e.practice, []).append(e)
    for own in by_practice.values():
        years = [e.year for e in own]
        rng.shuffle(years)
        shuffled += [event(e.practice, e.organization, e.city, y, e.county)
                     for e, y in zip(own, years, strict=True)]
    network = precedence_network(shuffled, "city", shuffles=5, seed=1)
    assert len(network.shown) <= 1
    assert network.chance_edges is not None and network.chance_edges <= 1


def test_network_is_reproducible() -> None:
    events, _ = _planted_events(2)
    first = precedence_network(events, "city").to_dict(all_edges=True)
    assert precedence_network(events, "city").to_dict(all_edges=True) == first


# --- timeline, innovativeness, CSV ----------------------------------------------------------

def test_timeline_first_adopters_curve_and_claims() -> None:
    events = [event("craftsman-school", "甲工会", "湖州市", 2017),
              event("craftsman-school", "乙工会", "嘉兴市", 2019),
              event("craftsman-school", "丙工会", "嘉兴市", 2019),
              event("craftsman-school", "丁工会", "", None),
              event("workers-library", "甲工会", "湖州市", 2015)]
    timeline = practice_timeline(events, "craftsman-school")
    assert [e.organization for e in timeline.first_adopters] == ["甲工会"] and timeline.first_year == 2017
    assert timeline.per_year == {2017: 1, 2019: 2}
    assert timeline.cumulative == [(2017, 1), (2018, 1), (2019, 3)]
    assert timeline.per_city == {"湖州市": 1, "嘉兴市": 2, "(unknown)": 1}
    assert timeline.undated == 1
    with pytest.raises(KeyError):
        practice_timeline(events, "no-such-practice")


def test_innovativeness_ranks_early_adopters_first() -> None:
    events = [event("craftsman-school", "a", "杭州市", 2015),
              event("craftsman-school", "b", "湖州市", 2016), event("craftsman-school", "c", "嘉兴市", 2016),
              event("workers-library", "a", "杭州市", 2016), event("workers-library", "b", "湖州市", 2018),
              event("mothers-room", "c", "嘉兴市", 2020)]
    scores = {s.region: s for s in innovativeness(events, "city")}
    assert scores["杭州市"].score == 1.0 and scores["杭州市"].firsts == 2
    assert scores["湖州市"].score == pytest.approx((0.25 + 0.0) / 2)
    assert scores["嘉兴市"].score == pytest.approx(0.25) and scores["嘉兴市"].sole == 1
    assert next(iter(innovativeness(events, "city"))).region == "杭州市"
    assert adoption_times(events, "city")["workers-library"] == {"杭州市": 2016, "湖州市": 2018}


def test_csv_opens_in_pandas_with_documented_columns() -> None:
    ev = EvidenceRef("doc", "doc#001", 10, 40, "2019年，某某小镇工会\n创办“工匠学堂”。", "2023-06-30", "2019",
                     STATED, "2019年")
    events = [AdoptionEvent("craftsman-school", "某某小镇工会", "UnionOrganization", "湖州市南浔区", "湖州市",
                            2019, "2019", STATED, "2019年", (ev,)),
              event("workers-library", "乙工会, \"引号\"", "", None)]
    buffer = io.StringIO(newline="")
    assert write_events_csv(events, buffer) == 2
    frame = pd.read_csv(io.StringIO(buffer.getvalue()))
    assert list(frame.columns) == list(FIELDNAMES)
    assert len(frame) == 2
    assert frame.loc[0, "year"] == 2019 and frame.loc[0, "practice_zh"] == "工匠学堂"
    assert frame.loc[0, "quote"] == "2019年，某某小镇工会 创办“工匠学堂”。"
    assert frame.loc[1, "organization"] == "乙工会, \"引号\"" and pd.isna(frame.loc[1, "year"])
    documented = re.findall(r"^\| `(\w+)` \| (.+) \|$", DOCS.read_text(encoding="utf-8"), re.M)
    assert [name for name, _ in documented] == [name for name, _ in COLUMNS]


# --- the extraction diffusion relies on -----------------------------------------------------

def _extract(text: str, title: str, date: str = "2022-09-20"):
    return extract_text(text, title, date)


def test_adopts_carries_the_stated_year() -> None:
    text = ("湖州市南浔区丝韵小镇工会联合会 匠心筑梦\n"
            "2019年，湖州市南浔区丝韵小镇工会联合会开设“工匠学堂”，邀请技术骨干授课。小镇工会联合会还建成职工书屋。\n")
    ex = _extract(text, "湖州市南浔区丝韵小镇工会联合会 匠心筑梦")
    adopts = {r.tail.label: r.props for r in ex.relations if r.type == "ADOPTS"}
    assert adopts["practice:craftsman-school"]["year"] == 2019
    assert "year" not in adopts["practice:workers-library"]
    dating = {r.tail.label: {(ev.dated, ev.date_basis, ev.date_phrase) for ev in r.evidence}
              for r in ex.relations if r.type == "ADOPTS"}  # set once, by extraction
    assert dating["practice:craftsman-school"] == {("2019", "stated", "2019年")}
    assert dating["practice:workers-library"] == {("2022-09-20", "article", "")}


def test_spread_claims_are_facts_with_a_place() -> None:
    text = ("杭州市总工会 新业态联合工会\n"
            "杭州市总工会试点建立新业态联合工会，并在全市域范围内推广。"
            "杭州市总工会开设“工匠学堂”，该经验已推广至湖州市。"
            "杭州市总工会形成可复制可推广的经验做法。"
            "下一步，杭州市总工会将在全省推广职工书屋。\n")
    ex = _extract(text, "杭州市总工会 新业态联合工会")
    claims = {(r.head.label, r.tail.label, r.props.get("practice")) for r in ex.relations if r.type == "SPREAD_TO"}
    assert claims == {("杭州市总工会", "杭州市", "gig-worker-enrollment"),
                      ("杭州市总工会", "湖州市", "craftsman-school")}


def test_planted_edges_are_a_tree_with_a_chain() -> None:
    sources = {a for a, _ in PLANTED_EDGES}
    targets = [b for _, b in PLANTED_EDGES]
    assert len(targets) == len(set(targets))  # one planted parent each: identifiable
    assert sources & set(targets)  # at least one chain
