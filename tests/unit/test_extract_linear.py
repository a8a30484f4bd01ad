"""Extraction stays linear in the text: the positional helpers answer as the scans they replace,
and a one-line text four times as long takes about four times as long (not sixteen).

Sentences and names here are invented."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from graph_loader.extract import _drop_overlaps, extract_article
from graph_loader.extract.base import Mention
from graph_loader.extract.mention_index import OrgLookup, live
from graph_loader.extract.unions import _line_breaks
from graph_loader.reference.lexicon import BRAND, CARRIER, ENTERPRISE, PERSON, UNION

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from extract_scaling import _document, synthetic_line  # noqa: E402

from graph_loader.text.normalize import normalize  # noqa: E402
from graph_loader.text.segment import segment  # noqa: E402


def _m(kind: str, surface: str, start: int, name: str = "") -> Mention:
    return Mention(kind, surface, start, start + len(surface), name=name or surface)


def test_drop_overlaps_keeps_the_longer_org_and_hides_nested_persons_and_carriers() -> None:
    text = "松柏镇青梅园区工会联合会主席柯明远推出“青梅小站”服务"
    union = _m(UNION, "松柏镇青梅园区工会联合会", 0)
    short = _m(UNION, "青梅园区工会", 3)  # overlaps the longer name: dropped
    firm = _m(ENTERPRISE, "青梅园区", 3)
    person = _m(PERSON, "柯明远", text.index("柯明远"))
    hidden = _m(PERSON, "青梅", text.index("青梅小站"))  # inside the brand
    brand = _m(BRAND, "青梅小站", text.index("青梅小站"))
    carrier = _m(CARRIER, "青梅园区", 3)  # a carrier may sit in a union's name
    in_brand = _m(CARRIER, "小站", text.index("小站"))
    kept = _drop_overlaps([short, union, firm, person, hidden, brand, carrier, in_brand])
    assert union in kept and short not in kept and firm not in kept
    assert person in kept and hidden not in kept
    assert carrier in kept and in_brand not in kept


def test_org_lookup_answers_as_the_scans() -> None:
    orgs = [_m(UNION, "青禾县总工会", 0), _m(UNION, "蓝湾园区联合工会", 20), _m(UNION, "石桥联合工会", 40)]
    lookup = OrgLookup(orgs)
    named, by_end, distinct = lookup.ending("联合工会")
    assert named == orgs[1:] and distinct == 2
    assert by_end.last(39) is orgs[1] and by_end.last(60) is orgs[2] and by_end.last(10) is None
    assert lookup.all.last(19) is orgs[0]
    assert lookup.unions_containing("蓝湾园区") == [orgs[1]]


def test_live_is_one_list_per_article() -> None:
    mentions = [_m(UNION, "青禾县总工会", 0), _m(CARRIER, "蓝湾园区", 8)]
    mentions[1].drop = True
    assert live(mentions, (UNION, CARRIER)) == [mentions[0]]
    assert live(mentions, (UNION, CARRIER)) is live(mentions, (UNION, CARRIER))


def test_line_breaks_match_find_and_rfind() -> None:
    text = "标题\n青禾县总工会\n\n正文一段，没有换行的长句" * 3
    lines = _line_breaks(text)
    for start in range(0, len(text), 3):
        end = min(len(text), start + 4)
        assert lines.around(start, end) == (text.rfind("\n", 0, start) + 1, text.find("\n", end))


def _cpu_seconds(megabytes: float) -> float:
    ndoc = normalize(_document(synthetic_line(megabytes)))
    start = time.process_time()
    for article in segment(ndoc):
        extract_article(article, ndoc)
    return time.process_time() - start


def test_one_line_text_grows_linearly() -> None:
    _cpu_seconds(0.005)  # warm-up: lexicons and regexes
    small, large = _cpu_seconds(0.04), _cpu_seconds(0.16)
    assert large < 8 * small + 0.2  # linear: ~4x; a scan per mention: ~16x
