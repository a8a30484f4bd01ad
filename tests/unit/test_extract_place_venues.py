"""Venues and funds named by their place (extract.place_venues), on invented sentences."""

from __future__ import annotations

from graph_loader.extract.place_venues import place_named_venues
from tests.support.extraction import extract_text


def _names(text: str) -> list[str]:
    return [m.surface for m in place_named_venues(text)]


def test_a_place_before_a_venue_kind_names_one_venue() -> None:
    text = ("近日，青田县总工会在鹤城社区幸福驿站开展送清凉活动，青田县环卫工人幸福驿站、"
            "丽水市职工服务中心和缙云县困难职工帮扶救助基金负责人出席。")
    assert _names(text) == ["鹤城社区幸福驿站", "青田县环卫工人幸福驿站", "丽水市职工服务中心",
                            "缙云县困难职工帮扶救助基金"]


def test_an_organisation_an_honour_or_a_title_is_no_venue_name() -> None:
    assert _names("青田县总工会幸福驿站建设加快推进。") == []  # an organisation between place and kind
    assert _names("丽水市先进职工服务中心名单公布。") == []  # an honour
    assert _names("印发《关于加强青田县幸福驿站建设的通知》。") == []  # inside a title
    assert _names("上城区玉皇山南基金小镇总工会成立。") == []  # 基金小镇 is a longer name


def test_a_place_named_venue_is_typed_by_its_kind_and_a_locative_is_not_operated() -> None:
    """The union acts at the venue (在…幸福驿站开展): no OPERATES; the venue's type comes from its
    kind (驿站), not from words in its name (之家); a venue the union built is its own."""
    text = ("青田县总工会在青田县红色环卫之家幸福驿站开展普法活动。\n"
            "去年，青田县总工会建成丽水市职工服务中心。\n")
    ex = extract_text(text, "", "2021-06-01")
    rels = {(r.type, r.head.label, r.tail.label) for r in ex.relations}
    assert ("INSTANCE_OF", "青田县红色环卫之家幸福驿站", "practice:rest-station") in rels
    assert ("INSTANCE_OF", "青田县红色环卫之家幸福驿站", "practice:workers-home") not in rels
    assert ("INSTANCE_OF", "青田县红色环卫之家幸福驿站", "practice:legal-aid") not in rels
    assert not any(t == "OPERATES" and tail == "青田县红色环卫之家幸福驿站" for t, _, tail in rels)
    assert ("OPERATES", "青田县总工会", "丽水市职工服务中心") in rels
