"""Invariants of the territories (geodata/units.geojson): a valid planar partition of the frame land,
in lon/lat order, with the published areas, documented provenance and a reproducible build."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, shape

ROOT = Path(__file__).parents[1]
GEODATA = ROOT / "geodata"
DIGITIZING = ROOT / "digitizing"
GEOD = Geod(ellps="WGS84")

TERRITORIES = {
    "sakhalin-north", "sakhalin-south", "korea-north", "korea-south", "kwantung", "liaodong",
    "manchuria-south", "manchuria-north", "jehol", "mengjiang", "taiwan", "kurils-north", "kurils-south",
    "outer-mongolia", "kiautschou", "weihaiwei",
}
CONTEXT = {"china-proper", "japan-home", "ryukyu", "russia-far-east"}
GROUPS = {"korea-north": "korea", "korea-south": "korea", "kurils-north": "kurils", "kurils-south": "kurils"}
PRECISIONS = {"coast", "treaty-line", "approximate-line", "frontier-zone"}
SLIVER_KM2 = 1.0


@cache
def features() -> tuple[dict, ...]:
    return tuple(json.loads((GEODATA / "units.geojson").read_text(encoding="utf-8"))["features"])


@cache
def geometries() -> dict[str, object]:
    return {f["properties"]["id"]: shape(f["geometry"]) for f in features()}


@cache
def frame():
    return shape(json.loads((DIGITIZING / "frame.geojson").read_text(encoding="utf-8"))["features"][0]["geometry"])


def km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(geom))[0]) / 1e6


def area(*ids: str) -> float:
    return sum(km2(geometries()[i]) for i in ids)


def test_units_are_exactly_the_agreed_ids_with_roles_and_groups():
    props = {f["properties"]["id"]: f["properties"] for f in features()}
    assert set(props) == TERRITORIES | CONTEXT
    assert [f["properties"]["id"] for f in features()] == sorted(props), "features sorted by id"
    for uid, p in props.items():
        assert p["role"] == ("context" if uid in CONTEXT else "territory"), uid
        assert p.get("group") == GROUPS.get(uid), uid
        assert p["name_en"] and p["name_fr"] and p["name_local"], uid


def test_geometries_are_valid_multipolygons():
    for uid, geom in geometries().items():
        assert geom.geom_type == "MultiPolygon", uid
        assert geom.is_valid, f"{uid}: {shapely.is_valid_reason(geom)}"
        assert not geom.is_empty, uid


def test_coordinates_are_lon_lat_inside_the_frame():
    x0, y0, x1, y1 = frame().bounds
    box = frame().buffer(1e-6)
    for uid, geom in geometries().items():
        coords = shapely.get_coordinates(geom)
        assert (coords[:, 0] >= x0).all() and (coords[:, 0] <= x1).all(), f"{uid}: longitude out of {x0}..{x1}"
        assert (coords[:, 1] >= y0).all() and (coords[:, 1] <= y1).all(), f"{uid}: latitude out of {y0}..{y1}"
        assert box.contains(geom), f"{uid} leaves the L-shaped frame"


def test_labels_lie_in_their_unit():
    for f in features():
        uid = f["properties"]["id"]
        point = Point(f["properties"]["label"])
        assert geometries()[uid].contains(point), f"{uid}: label {point} is outside the unit"


def test_units_never_overlap():
    ids = sorted(geometries())
    geoms = [geometries()[i] for i in ids]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i < j:
            overlap = km2(geoms[i].intersection(geoms[j]))
            assert overlap < 0.01, f"{ids[i]} and {ids[j]} overlap by {overlap:.3f} km2"


def test_neighbours_share_their_borders_exactly():
    """A valid coverage: no overlaps and every shared edge has the same vertices on both sides."""
    geoms = [geometries()[i] for i in sorted(geometries())]
    assert shapely.coverage_is_valid(geoms)


@cache
def frame_land():
    """The unsimplified land of the frame, as tools/build_units.py reads it."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_units
    finally:
        sys.path.pop(0)
    land, _lakes = build_units.read_land(build_units.read_frame())
    return land


def test_union_covers_the_frame_land_without_gaps():
    union = shapely.union_all(list(geometries().values()))
    land = frame_land()
    gaps = [km2(p) for p in getattr(land.difference(union), "geoms", [])]
    assert max(gaps, default=0) < SLIVER_KM2, f"a piece of land of {max(gaps):.2f} km2 belongs to no unit"
    extra = [km2(p) for p in getattr(union.difference(land), "geoms", [])]
    assert max(extra, default=0) < SLIVER_KM2, f"a unit reaches {max(extra):.2f} km2 into sea or lake"
    assert abs(km2(union) - km2(land)) / km2(land) < 1e-4


@pytest.mark.parametrize(
    ("ids", "published", "tolerance"),
    [
        (("sakhalin-south",), 36_090, 0.10),  # Karafuto
        (("korea-north", "korea-south"), 220_800, 0.10),
        (("kwantung",), 3_460, 0.10),
        (("taiwan",), 36_000, 0.10),
        (("mengjiang",), 506_800, 0.15),
        (("kiautschou",), 552, 0.10),
        (("weihaiwei",), 740, 0.10),
    ],
)
def test_areas_match_published_figures(ids, published, tolerance):
    measured = area(*ids)
    assert abs(measured - published) <= tolerance * published, f"{ids}: {measured:,.0f} km2 vs {published:,}"


def test_all_sakhalin_is_the_island():
    assert 72_500 <= area("sakhalin-north", "sakhalin-south") <= 76_000


def test_manchukuo_extent_is_at_least_the_published_area():
    measured = area("manchuria-south", "manchuria-north", "liaodong", "jehol")
    assert measured >= 1_192_000 * 0.9, f"{measured:,.0f} km2"


def test_provenance_cites_known_sources_and_precisions():
    with (GEODATA / "sources" / "geometry.csv").open(encoding="utf-8", newline="") as handle:
        sources = {row["id"] for row in csv.DictReader(handle)}
    lines = {
        f["properties"]["id"]
        for path in (DIGITIZING / "lines").glob("*.geojson")
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]
    }
    for f in features():
        uid, prov = f["properties"]["id"], f["properties"]["provenance"]
        assert prov["base"], uid
        assert prov["edges"], uid
        for edge in prov["edges"]:
            assert edge["source"] in sources, f"{uid}: unknown source {edge['source']}"
            assert edge["precision"] in PRECISIONS, f"{uid}: precision {edge['precision']}"
            assert edge["locator"] and edge["note_en"] and edge["note_fr"], uid
            assert edge["line"] in lines or edge["line"] == "coast" or edge["line"].startswith("border-"), uid


def test_digitized_lines_are_documented_and_cite_known_sources():
    with (GEODATA / "sources" / "geometry.csv").open(encoding="utf-8", newline="") as handle:
        sources = {row["id"] for row in csv.DictReader(handle)}
    for path in sorted((DIGITIZING / "lines").glob("*.geojson")):
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            p = f["properties"]
            assert set(p) == {"id", "precision", "source", "locator", "note_en", "note_fr"}, path.name
            assert p["source"] in sources, f"{path.name}: {p['source']}"
            assert p["precision"] in PRECISIONS - {"coast"}, f"{path.name}: {p['precision']}"
            assert f["geometry"]["type"] == "LineString", path.name
            assert 2 <= len(f["geometry"]["coordinates"]) <= 80, f"{path.name}: hand-digitized, a few vertices"


def test_units_file_is_small_enough_for_the_web():
    assert (GEODATA / "units.geojson").stat().st_size <= 1_500_000


def test_build_is_reproducible_byte_for_byte(tmp_path):
    out = tmp_path / "units.geojson"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_units.py"), "--out", str(out)], check=True)
    assert out.read_bytes() == (GEODATA / "units.geojson").read_bytes(), "run tools/build_units.py and commit"
    check = subprocess.run([sys.executable, str(ROOT / "tools" / "build_units.py"), "--check"],
                           capture_output=True)
    assert check.returncode == 0
