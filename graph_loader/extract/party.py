"""PartyOrganization mentions (党委, 党工委, 党总支, 党支部, 党组, 党群工作委员会).

Why: party bodies lead or co-build unions (PARTY_BUILDING) and share posts with them; generic
references (镇党委, 小镇党委, 街道党工委) are resolved against the article's places by resolve.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.base import Mention
from graph_loader.extract.persons import name_at
from graph_loader.reference.lexicon import PARTY, org_grammar, suffix_regex
from graph_loader.reference.names import name_start, strip_brackets


@functools.cache
def _suffix_re() -> re.Pattern[str]:
    return suffix_regex(org_grammar()["party_suffixes"])


_AFTER_NOT_BODY = re.compile(
    r"^(书记|副书记|委员|成员|班子|工作|建设|领导下|领导|办公室|组织部|宣传部|统战部)"
)
def _post_with_name(text: str, end: int, post: str) -> bool:
    """党工委委员徐某: a bare body followed by a post and a name is the article's body, not a post word."""
    return post in {"书记", "副书记", "委员"} and bool(name_at(text, end))


_GENERIC_CORES = {"", "镇", "街道", "小镇", "园区", "开发区", "高新区", "经开区", "区", "县", "市", "省",
                  "商圈", "管委会", "功能区", "科技城", "中共"}
_LEVEL_COMMITTEES = {"区委", "县委", "市委", "镇委"}


def find_party(text: str) -> list[Mention]:
    grammar = org_grammar()
    nonref = set(grammar["nonreferential_party_cores"])
    false_endings = tuple(grammar["party_false_endings"])
    out: list[Mention] = []
    for m in _suffix_re().finditer(text):
        suffix = m.group(0)
        after = text[m.end():m.end() + 3]
        if after.startswith(("部", "办", "编", "书记处")) or text.startswith(false_endings, m.end()):
            continue
        if suffix in _LEVEL_COMMITTEES | {"省委"} and after[:1] in {"组", "宣", "统", "编", "办"}:
            continue
        start, _ = name_start(text, m.start())
        core = strip_brackets(text[start:m.start()])
        surface = strip_brackets(text[start:m.end()])
        if core in nonref or suffix == "党组织" and not core or core.endswith("工会"):
            continue
        if suffix in _LEVEL_COMMITTEES and text[m.end():m.end() + 1] in "员旧":
            continue  # 温州市委员会 (a youth-league committee), 区委旧址
        if core.startswith("共青团") or (len(core) == 1 and core not in _GENERIC_CORES):
            continue  # 共青团温州市委员会 is a mass organisation; 委党组, 小镇委: fragments
        if suffix == "省委" and core in ("", "浙江", "中共浙江") and not text.startswith(("员", "旧"), m.end()):
            out.append(Mention(PARTY, surface, start, m.end(), {"kind": "党委", "territorial": True}))
            continue  # 省委副秘书长: the provincial committee, a known body (fixed alias)
        if suffix == "省委":
            continue  # 共青团浙江省委员会, another province's committee
        if suffix in _LEVEL_COMMITTEES and not core.startswith("中共"):
            continue  # 江北区委, 乐清市委: a territorial committee, not a body that builds a union
        generic = core in _GENERIC_CORES or (suffix in _LEVEL_COMMITTEES and not core)
        if suffix == "党组" and not core:
            continue
        props = {"kind": grammar["party_suffixes"][suffix]}
        post = _AFTER_NOT_BODY.match(text[m.end():m.end() + 6])
        if post and not core and suffix != "党委" and not _post_with_name(text, m.end() + post.end(), post.group(0)):
            continue
        out.append(Mention(PARTY, surface, start, m.end(), props, generic=generic))
    return out
