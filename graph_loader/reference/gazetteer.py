"""Gazetteer of Zhejiang administrative places (data/zhejiang_places.yaml) and prefix parsing.

Why: canonical names carry their administrative prefix (余杭区 → 杭州市余杭区), carriers need
`county`/`city` attributes, and name boundaries are safer when a known place anchors them.
Towns and streets (X镇, X街道) are too many to list; they are recognised by suffix in text
(graph_loader.reference.towns, which needs the name boundaries of names.py, which need this table).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graph_loader.reference.lexicon import load_data

PROVINCE = "浙江省"


@dataclass(frozen=True)
class Place:
    """An administrative unit: canonical name, level (province/city/county) and parent city."""

    name: str
    level: str
    city: str = ""  # canonical city of a county-level unit
    bare: str = ""  # the name as written in the gazetteer (余杭区, 瑞安市)

    @property
    def parent(self) -> str:
        if self.level == "county":
            return self.city
        if self.level == "city":
            return PROVINCE if self.city != "outside" else ""
        return ""


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    surface: str
    place: Place


class Gazetteer:
    """Lookup of place surface forms (full and short) to Places, and prefix parsing."""

    def __init__(self) -> None:
        data = load_data("zhejiang_places.yaml")
        self.places: dict[str, Place] = {PROVINCE: Place(PROVINCE, "province", bare=PROVINCE)}
        province = self.places[PROVINCE]
        self.forms: dict[str, list[Place]] = {"浙江省": [province], "浙江": [province]}
        self.county_short_ok: set[str] = set()
        # How a Zhejiang unit name may begin: the province (浙江省, 浙江, 省) or one of its cities
        # written short (杭州, 宁波 …); the segmenter finds unit names inside titles with these.
        self.name_starts: tuple[str, ...] = (
            data["province"],
            *data["province_short"],
            *(info["short"] for info in data["cities"].values() if info.get("short")),
        )
        for city, info in data["cities"].items():
            self._add_city(city, info, inside=True)
        for city, info in data.get("outside", {}).items():
            self._add_city(city, info, inside=False)
        for variant, target in data.get("variants", {}).items():
            for place in self.forms.get(target, []):
                self._add_form(variant, place)
        words = sorted(self.forms, key=lambda w: (-len(w), w))
        self._regex = re.compile("|".join(re.escape(w) for w in words))

    def _add_form(self, form: str, place: Place) -> None:
        bucket = self.forms.setdefault(form, [])
        if place not in bucket:
            bucket.append(place)

    def _add_city(self, city: str, info: dict, inside: bool) -> None:
        cplace = Place(city, "city", city=city if inside else "outside", bare=city)
        self.places[city] = cplace
        self._add_form(city, cplace)
        if info.get("short"):
            self._add_form(info["short"], cplace)
        for key in ("districts", "counties", "county_cities"):
            for unit in info.get(key, []) or []:
                canonical = city + unit if key == "districts" else unit
                place = Place(canonical, "county", city=city, bare=unit)
                self.places[canonical] = place
                self._add_form(unit, place)
                self._add_form(canonical, place)
                short = re.sub(r"(畲族自治县|自治县|区|县|市)$", "", unit)
                if len(short) >= 2 and key != "districts":
                    self._add_form(short, place)
                elif len(short) >= 2:
                    # A district's short form (余杭, 萧山) is kept only after its city's name or
                    # when distinctive; 西湖/南湖/江北 are also lakes and other cities' districts.
                    self._add_form(city.removesuffix("市") + short, place)
                    self._add_form(city.removesuffix("市") + unit, place)  # 杭州余杭区
                    if short not in {"西湖", "南湖", "江北", "滨江", "普陀", "上城", "下城", "城区"}:
                        self._add_form(short, place)

    # --- queries --------------------------------------------------------------------------

    def find(self, text: str) -> list[PlaceMatch]:
        """All place mentions in text, longest at each position, non-overlapping."""
        out = []
        for m in self._regex.finditer(text):
            out.append(PlaceMatch(m.start(), m.end(), m.group(0), self.forms[m.group(0)][0]))
        return out

    def lookup(self, form: str, city_hint: str = "") -> Place | None:
        """The place a surface form names; an ambiguous form prefers the hinted city."""
        places = self.forms.get(form)
        if not places:
            return None
        if city_hint:
            for place in places:
                if place.city == city_hint or place.name == city_hint:
                    return place
        return places[0]

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 - one gazetteer per process; resolution asks the same names
    def parse_prefix(self, name: str, city_hint: str = "") -> tuple[Place | None, Place | None, int]:
        """Leading administrative prefix of a name: (county, city, length consumed).

        "杭州市余杭区梦想小镇" → (杭州市余杭区, 杭州市, 6); "浦江水晶产业园区" → (浦江县, 金华市, 2).
        """
        county: Place | None = None
        city: Place | None = None
        pos = 0
        if name.startswith("浙江省"):
            pos = 3
        elif name.startswith("浙江") and not name.startswith("浙江工"):
            pos = 2
        for _ in range(2):
            m = self._regex.match(name, pos)
            if not m:
                break
            place = self.lookup(m.group(0), city.name if city else city_hint)
            if place is None:
                break
            if place.level == "city" and city is None and county is None:
                city = place
            elif place.level == "county" and county is None:
                if city and place.city != city.name:
                    alt = self.lookup(m.group(0), city.name)
                    if alt is None or alt.city != city.name:
                        break
                    place = alt
                county = place
                city = self.places.get(place.city, city)
            else:
                break
            pos = m.end()
        return county, city, pos

    def city_of(self, county_name: str) -> str:
        place = self.places.get(county_name)
        return place.city if place and place.level == "county" else ""


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
