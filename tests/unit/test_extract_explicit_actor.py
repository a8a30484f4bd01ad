"""The explicit actor throughout: practices with no named doer go to the union the article names
as their doer again and again, not to the union its heading names (rel_practices._explicit_actor)."""

from __future__ import annotations

from tests.support.extraction import extract_text

HEAD = "青禾县白鹭商圈工会"
ACTOR = "青禾县白鹭街道总工会"


def _doers(text: str, title: str) -> dict[str, set[str]]:
    """Practice → heads of its ADOPTS records."""
    out: dict[str, set[str]] = {}
    for r in extract_text(text, title).relations:
        if r.type == "ADOPTS":
            out.setdefault(r.tail.label, set()).add(r.head.label)
    return out


def _article(actor_sentences: int) -> tuple[str, str]:
    title = f"{HEAD} 商圈里的娘家"
    named = [f"{ACTOR}开展职工技能培训。", f"{ACTOR}建立职工书屋。", f"{ACTOR}设立爱心妈咪小屋。",
             f"{ACTOR}开展劳动竞赛。"][:actor_sentences]
    body = "".join(named) + "\n同时，积极开展困难职工帮扶，走访慰问一线职工。\n"
    return title + "\n" + body, title


def test_the_union_named_as_doer_throughout_takes_the_unnamed_practices() -> None:
    text, title = _article(4)
    doers = _doers(text, title)
    assert doers["practice:hardship-assistance"] == {ACTOR}


def test_a_union_named_only_twice_leaves_them_to_the_heading() -> None:
    text, title = _article(2)
    doers = _doers(text, title)
    assert doers["practice:hardship-assistance"] == {HEAD}


def test_a_carrier_headed_report_is_its_referenced_unions() -> None:
    """A report headed by its 小镇 that names its union only as 街道总工会 (resolved by the town's
    place) gives that union the practices with no named doer (the main union)."""
    title = "杭州市西湖区青禾数字小镇"
    text = (f"{title}\n小镇位于西湖区白鹭街道，已注册企业125家。\n街道总工会在小镇建成职工书屋。\n"
            "同时，积极开展困难职工帮扶。\n")
    doers = _doers(text, title)
    assert doers["practice:hardship-assistance"] == {"杭州市西湖区白鹭街道总工会"}
