"""A synthetic corpus in the corpus's own style, with planted diffusion, to validate the method.

`plan_world(seed)` plants a diffusion process: practices of practices.yaml start at innovator
cities in random years and spread along planted city → city edges, one to two years per hop,
each hop taken with probability `hop_probability`; a few cities adopt a practice on their own
(noise). `write_corpus(world, folder)` writes what a union press would print about it:

* yearly newspaper pages (`本报讯 通讯员…报道 近日，…`) reporting that year's adoptions without
  stating the year — their date is the page's date (date_basis article);
* a retrospective magazine issue (`湖州市南浔区丝韵小镇工会联合会 匠心筑梦 …`) whose reports
  state the years (`2016年，小镇工会联合会开设“工匠学堂”…`) — date_basis stated;
* a few explicit spread claims (`…的“工匠学堂”经验已推广至湖州市`);
* a manifest.json with the publication dates.

Every adoption is reported in a page, in the retrospective or in both. The tests run the real
pipeline on the files and compare what it infers with `world.edges`, `world.first_adopters`.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# city → two county-level units, each with an invented carrier (core, suffix, union form)
CITIES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "杭州市": (("余杭区", "云谷", "小镇", "工会联合会"), ("萧山区", "湘湖", "园区", "联合工会")),
    "宁波市": (("鄞州区", "明湖", "商圈", "总工会"), ("北仑区", "港湾", "园区", "联合工会")),
    "温州市": (("鹿城区", "瓯江", "商圈", "总工会"), ("瑞安市", "云江", "小镇", "工会联合会")),
    "湖州市": (("南浔区", "丝韵", "小镇", "工会联合会"), ("德清县", "莫溪", "园区", "联合工会")),
    "嘉兴市": (("南湖区", "禾兴", "商圈", "总工会"), ("桐乡市", "梧桐", "小镇", "工会联合会")),
    "绍兴市": (("柯桥区", "轻纺", "小镇", "工会联合会"), ("诸暨市", "珠乡", "园区", "联合工会")),
    "金华市": (("义乌市", "商城", "园区", "联合工会"), ("东阳市", "木雕", "小镇", "工会联合会")),
    "台州市": (("黄岩区", "模塑", "小镇", "工会联合会"), ("温岭市", "泵业", "园区", "联合工会")),
    "衢州市": (("柯城区", "橘乡", "小镇", "工会联合会"), ("江山市", "木门", "园区", "联合工会")),
    "丽水市": (("莲都区", "古堰", "商圈", "总工会"), ("龙泉市", "青瓷", "小镇", "工会联合会")),
    "舟山市": (("定海区", "远洋", "园区", "联合工会"), ("岱山县", "蓬莱", "小镇", "工会联合会")),
}
DISTRICT_SUFFIX = "区"

# The planted network: innovators and who follows whom (a chain 杭州 → 湖州 → 衢州 included).
PLANTED_EDGES: tuple[tuple[str, str], ...] = (
    ("杭州市", "湖州市"), ("杭州市", "嘉兴市"), ("湖州市", "衢州市"),
    ("宁波市", "台州市"), ("宁波市", "舟山市"),
    ("温州市", "丽水市"), ("温州市", "金华市"),
)
INNOVATORS = ("杭州市", "宁波市", "温州市")

# practice id → what a union does (the cue word in it) and what follows, in the texts' words.
# Cue words are unambiguous (one practice each) and need no extra context.
PRACTICE_TEXT: dict[str, tuple[str, str]] = {
    "craftsman-school": ("开设“工匠学堂”", "邀请{n}名技术骨干定期为一线职工授课"),
    "innovation-studio": ("建成劳模创新工作室", "组织{n}名技术能手开展攻关"),
    "workers-library": ("建成职工书屋", "藏书{n}00余册"),
    "mothers-room": ("设立妈咪暖心小屋", "已服务哺乳期女职工{n}人次"),
    "rest-station": ("建成爱心驿站", "为环卫工人等户外劳动者提供歇脚、饮水的地方，日均服务{n}人次"),
    "collective-wage-bargaining": ("开展行业工资集体协商", "协议覆盖企业{n}家"),
    "online-enrollment": ("推行扫码入会", "新入会职工{n}0余名"),
    "mental-health": ("设立心理咨询室", "聘请{n}名专业咨询师轮流坐班"),
    "apprenticeship": ("推行师带徒制度", "结成师徒对子{n}对"),
    "skills-competition": ("举办技能比武", "{n}0余名职工同台竞技"),
    "child-care": ("开办职工子女暑托班", "接收职工子女{n}名"),
    "recuperation": ("组织一线职工疗休养", "首批{n}名职工参加"),
    "workplace-democracy": ("推动企业召开职代会", "覆盖企业{n}家，让职工参与企业管理"),
    "joint-meeting-system": ("建立联席会议制度", "全年会商职工诉求{n}件"),
    "union-finance": ("联合银行推出“工薪贷”", "为{n}名职工提供低息信用贷款"),
    "dispute-mediation": ("成立劳动争议调解委员会", "全年就地化解劳资矛盾{n}起"),
    "real-name-membership": ("完成会员实名制登记", "录入会员信息{n}00余条"),
    "zonal-service": ("推行片区化服务", "{n}名服务专员走进企业"),
    "matchmaking": ("举办职工相亲会", "{n}名单身职工参加"),
    "rights-hotline": ("开通12351职工服务热线分线", "全年接听职工来电{n}0余个"),
}
REPORTERS = ("王立", "陈晓", "李静", "张帆", "赵宁", "周洁", "吴昊", "郑雯")
TITLES = ("匠心筑梦 服务暖心", "聚力改革 服务职工", "凝心聚力 激发活力", "扎根基层 筑家聚心")
PAGE_TITLES = ("“娘家人”服务再升级", "职工有了新去处", "改革落地见实效", "暖心服务到身边", "基层活力竞相迸发")
FIRST_YEAR, LAST_YEAR = 2013, 2022
RETROSPECTIVE_YEAR = 2023


@dataclass(frozen=True)
class Organization:
    name: str
    county: str
    city: str
    carrier: str  # "" for a county federation
    generic: str  # how a report calls it once named (小镇工会联合会, 区总工会)


@dataclass(frozen=True)
class PlantedAdoption:
    practice: str
    organization: Organization
    year: int
    in_page: bool  # reported in that year's newspaper page (date_basis article)
    in_retrospective: bool  # reported with its year in the retrospective (date_basis stated)


@dataclass(frozen=True)
class PlantedClaim:
    practice: str
    source: Organization
    target: str  # a city
    year: int


@dataclass
class SyntheticWorld:
    seed: int
    edges: tuple[tuple[str, str], ...]
    organizations: list[Organization]
    adoptions: list[PlantedAdoption] = field(default_factory=list)
    claims: list[PlantedClaim] = field(default_factory=list)

    @property
    def first_adopters(self) -> dict[str, tuple[str, int]]:
        """practice → (organisation, year) of its unique first adopter."""
        out: dict[str, tuple[str, int]] = {}
        for a in sorted(self.adoptions, key=lambda a: a.year):
            out.setdefault(a.practice, (a.organization.name, a.year))
        return out

    @property
    def city_years(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for a in self.adoptions:
            known = out[a.practice].get(a.organization.city)
            if known is None or a.year < known:
                out[a.practice][a.organization.city] = a.year
        return dict(out)


def organizations() -> list[Organization]:
    out = []
    for city, units in CITIES.items():
        for county, core, suffix, form in units:
            prefix = city + county if county.endswith(DISTRICT_SUFFIX) else county
            out.append(Organization(f"{prefix}{core}{suffix}{form}", prefix, city, f"{prefix}{core}{suffix}",
                                    f"{suffix}{form}"))
            out.append(Organization(f"{prefix}总工会", prefix, city, "", f"{prefix}总工会"))
    return out


def plan_world(seed: int = 8, practices: int = 20, hop_probability: float = 0.9,
               noise_probability: float = 0.15, claims: int = 4,
               practice_ids: Sequence[str] = tuple(PRACTICE_TEXT)) -> SyntheticWorld:
    """Plant a diffusion of `practices` practices along PLANTED_EDGES (reproducible by seed).

    The practices are the first `practices` of `practice_ids`; write_corpus needs them to be
    PRACTICE_TEXT's (it writes their cue words), record-level worlds may use any ids."""
    rng = random.Random(seed)
    orgs = organizations()
    by_city: dict[str, list[Organization]] = defaultdict(list)
    for org in orgs:
        by_city[org.city].append(org)
    children: dict[str, list[str]] = defaultdict(list)
    for a, b in PLANTED_EDGES:
        children[a].append(b)
    world = SyntheticWorld(seed, PLANTED_EDGES, orgs)
    chosen = list(practice_ids)[:practices]
    for index, practice in enumerate(chosen):
        # two innovation centres per practice, starting in different years (a unique first adopter)
        roots = [INNOVATORS[index % 3], INNOVATORS[(index + 1) % 3]]
        starts = rng.sample(range(FIRST_YEAR, FIRST_YEAR + 6), 2)
        city_year: dict[str, int] = {}
        parent: dict[str, str] = {}
        for root, start in zip(roots, starts, strict=True):
            frontier = [(root, start)]
            city_year[root] = start
            while frontier:
                city, year = frontier.pop()
                for child in children[city]:
                    if rng.random() > hop_probability:
                        continue
                    child_year = year + rng.choice((1, 2))
                    if child_year <= LAST_YEAR and child_year < city_year.get(child, 9999):
                        city_year[child] = child_year
                        parent[child] = city
                        frontier.append((child, child_year))
        first = min(city_year.values())
        for city in CITIES:
            if city not in city_year and rng.random() < noise_probability:
                city_year[city] = rng.randint(first + 1, LAST_YEAR)
        for city, year in sorted(city_year.items()):
            adopters = rng.sample(by_city[city], rng.choice((1, 1, 2)))
            for rank, org in enumerate(adopters):
                in_page = rng.random() < 0.6
                world.adoptions.append(PlantedAdoption(practice, org, min(year + rank, LAST_YEAR), in_page,
                                                       not in_page or rng.random() < 0.3))
        for child, source_city in parent.items():
            if len(world.claims) < claims and rng.random() < 0.25:
                source = min((a for a in world.adoptions if a.practice == practice
                              and a.organization.city == source_city), key=lambda a: a.year)
                # one claim per (holder, place): SPREAD_TO edges are keyed by their ends
                if not any(c.source == source.organization and c.target == child for c in world.claims):
                    world.claims.append(PlantedClaim(practice, source.organization, child, city_year[child]))
    return world


# --- writing the texts ------------------------------------------------------------------

def _doing(practice: str, rng: random.Random) -> str:
    """`开设“工匠学堂”，邀请12名技术骨干…`: the act and its tail, numbers varied so that no two
    paragraphs are identical (the normaliser drops repeated paragraphs as extraction artifacts)."""
    act, tail = PRACTICE_TEXT[practice]
    return f"{act}，{tail.format(n=rng.randint(12, 98))}"


def _page(year: int, adoptions: list[PlantedAdoption], claims: list[PlantedClaim], rng: random.Random) -> str:
    """A newspaper page of short reports on the year's adoptions (no year stated)."""
    by_org: dict[Organization, list[PlantedAdoption]] = defaultdict(list)
    for a in adoptions:
        by_org[a.organization].append(a)
    parts = [f"浙江工人日报·基层工会 {year}年工会改革纪实", ""]
    for org, items in sorted(by_org.items(), key=lambda kv: kv[0].name):
        title = f"{org.carrier or org.county}：{rng.choice(PAGE_TITLES)}"
        reporter = rng.choice(REPORTERS)
        first, *rest = items
        body = f"本报讯 通讯员{reporter}报道 近日，{org.name}{_doing(first.practice, rng)}。"
        for extra in rest:
            body += f"与此同时，{org.name}{_doing(extra.practice, rng)}。"
        body += "“有了娘家人，我们干活更有劲了。”一位职工说。"
        parts += [title, "", body, ""]
    for claim in claims:
        act, _ = PRACTICE_TEXT[claim.practice]
        title = f"{claim.source.carrier or claim.source.county}：好经验走出去"
        body = (f"本报讯 通讯员{rng.choice(REPORTERS)}报道 {claim.source.name}{act}的经验"
                f"已推广至{claim.target}，当地工会组织职工代表前来观摩交流。")
        parts += [title, "", body, ""]
    return "\n".join(parts)


def _retrospective(adoptions: list[PlantedAdoption], rng: random.Random) -> str:
    """A magazine issue: one report per organisation, stating each adoption's year."""
    by_org: dict[Organization, list[PlantedAdoption]] = defaultdict(list)
    for a in adoptions:
        by_org[a.organization].append(a)
    parts = ["浙江工运", "", "基层工会改革实践实录", ""]
    for org, items in sorted(by_org.items(), key=lambda kv: kv[0].name):
        parts += [f"{org.name} {rng.choice(TITLES)}", ""]
        place = org.carrier or org.county
        parts += [f"{place}地处{org.city}，辖内企业{rng.randint(30, 200)}家，"
                  f"职工{rng.randint(12, 96)}00余人。近年来，{org.name}坚持以职工为中心，"
                  "把工作重心放在基层。", ""]
        for a in sorted(items, key=lambda a: (a.year, a.practice)):
            parts += [f"{a.year}年，{org.generic}{_doing(a.practice, rng)}。", ""]
        parts[-2] += "■"
    return "\n".join(parts)


def write_corpus(world: SyntheticWorld, folder: str | Path) -> list[Path]:
    """Write the world's texts and manifest.json into folder; returns the text files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(world.seed + 1)
    files: list[Path] = []
    manifest = {"about": f"synthetic corpus with planted diffusion (seed {world.seed})", "documents": []}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        items = [a for a in world.adoptions if a.in_page and a.year == year]
        claims = [c for c in world.claims if c.year == year]
        if not items and not claims:
            continue
        doc_id = f"synthetic-{year}-page"
        path = folder / f"{doc_id}.txt"
        path.write_text(_page(year, items, claims, rng), encoding="utf-8")
        files.append(path)
        manifest["documents"].append({"id": doc_id, "file": path.name, "date": f"{year}-12-20",
                                      "publication": f"浙江工人日报 {year}年工会改革纪实（合成）",
                                      "kind": "newspaper page", "date_basis": "stated"})
    doc_id = f"synthetic-{RETROSPECTIVE_YEAR}-review"
    path = folder / f"{doc_id}.txt"
    path.write_text(_retrospective([a for a in world.adoptions if a.in_retrospective], rng), encoding="utf-8")
    files.append(path)
    manifest["documents"].append({"id": doc_id, "file": path.name, "date": f"{RETROSPECTIVE_YEAR}-06-30",
                                  "publication": "浙江工运 基层工会改革实践实录（合成）",
                                  "kind": "magazine issue", "date_basis": "stated"})
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    (folder / "manifest.json").write_text(text, encoding="utf-8")
    return files


# --- what the validation tests (unit: pipeline; integration: ukg build + API) share ----------

SEED = 8
MIN_PRECISION = MIN_RECALL = 0.8


def precision_recall(recovered: set[tuple[str, str]], planted: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(recovered & planted)
    return hits / max(len(recovered), 1), hits / len(planted)


def report(label: str, planted: set[tuple[str, str]], recovered: set[tuple[str, str]]) -> tuple[float, float]:
    """Print the planted and the recovered network (pytest -s shows them); (precision, recall)."""
    precision, recall = precision_recall(recovered, planted)
    print(f"\n[{label}] planted network ({len(planted)} edges):")
    for a, b in sorted(planted):
        print(f"  {a} → {b}{'' if (a, b) in recovered else '   (missed)'}")
    print(f"[{label}] recovered network ({len(recovered)} edges):")
    for a, b in sorted(recovered):
        print(f"  {a} → {b}{'' if (a, b) in planted else '   (not planted)'}")
    print(f"[{label}] precision {precision:.2f}, recall {recall:.2f}")
    return precision, recall


def planted_years(world: SyntheticWorld) -> dict[tuple[str, str], int]:
    """(practice, organisation) → the earliest year it was planted."""
    years: dict[tuple[str, str], int] = defaultdict(lambda: 9999)
    for a in world.adoptions:
        key = (a.practice, a.organization.name)
        years[key] = min(years[key], a.year)
    return dict(years)
