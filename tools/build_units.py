"""Rebuild geodata/units.geojson from the Natural Earth base and the hand-digitized lines.

Usage::

    python tools/build_units.py                 # write geodata/units.geojson
    python tools/build_units.py --out DIR/x.geojson
    python tools/build_units.py --check         # exit 1 if the committed file is not what a fresh run gives
    python tools/build_units.py --report        # print areas, size and simplification effect

How the map is cut (docs/geodata.md tells the why):

1. Land is Natural Earth 10m land plus minor islands, clipped to the frame, less the large natural lakes.
2. Every piece of land gets its modern country from Natural Earth countries_from_admin1 (minor islands,
   which that layer lacks, go to the nearest country).
3. Each unit with a historical outline has a *region*: the faces made by polygonizing a few of the
   hand-digitized lines (digitizing/lines/) that contain the unit's seed points. The unit is the land of
   its countries inside its region, less the units before it in UNITS (so that a lease comes out of the
   province around it). Construction lines close regions through the sea or foreign land only.
4. What is left of each country goes to its default unit (China proper, Japan, Russia, Mongolia).
5. The pieces are re-noded into one polygon coverage, simplified as a coverage (shared borders stay
   shared) and rounded to 1e-4 degree.

Everything is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, shape

ROOT = Path(__file__).resolve().parents[1]
DIGITIZING = ROOT / "digitizing"
NATURALEARTH = DIGITIZING / "naturalearth"
LINES = DIGITIZING / "lines"
DEFAULT_OUT = ROOT / "geodata" / "units.geojson"

SIMPLIFY_TOLERANCE = 0.002  # degrees (about 200 m): coverage simplification of all shared arcs together
MIN_ISLAND_KM2 = 0.5  # islands smaller than this are dropped (checked: no unit changes by 1 %)
LAKE_MIN_KM2 = 1000.0  # natural lakes at least this large are cut out of the land (reservoirs never)
GRID = 1e-4  # output coordinate precision, degrees

GEOD = Geod(ellps="WGS84")

# Modern countries of Natural Earth that may hold land inside the frame.
COUNTRIES = ("CHN", "JPN", "KOR", "MNG", "PRK", "RUS", "TWN")

# Units cut from regions, in priority order: (id, countries, lines, seeds).
REGION_UNITS: list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[tuple[float, float], ...]]] = [
    ("kwantung", ("CHN",), ("kwantung-1898", "kwantung-1898-islands", "shimonoseki-1895-islands"),
     ((121.6, 38.9),)),
    ("liaodong", ("CHN",), ("shimonoseki-1895", "shimonoseki-1895-islands"), ((122.9, 40.0),)),
    ("kiautschou", ("CHN",), ("kiautschou-1898",), ((120.4, 36.1),)),
    ("weihaiwei", ("CHN",), ("weihaiwei-1898",), ((122.1, 37.45),)),
    ("jehol", ("CHN",), ("great-wall-jehol", "jehol-fengtian", "jehol-chahar"), ((118.9, 42.3),)),
    ("mengjiang", ("CHN",), ("jehol-chahar", "manchukuo-mengjiang", "mengjiang-south", "construction-mengjiang"),
     ((112.0, 42.0),)),
    ("manchuria-north", ("CHN",), ("russo-japanese-1907", "russo-japanese-1912", "construction-manchuria-north"),
     ((127.0, 47.0),)),
    ("manchuria-south", ("CHN",), ("great-wall-jehol", "jehol-chahar", "manchukuo-mengjiang",
                                   "construction-manchukuo"), ((125.0, 43.0),)),
    ("taiwan", ("TWN", "CHN", "JPN"), ("construction-taiwan",), ((121.0, 23.5),)),
    ("ryukyu", ("JPN",), ("scapin-677-30n", "construction-ryukyu"), ((127.8, 26.5),)),
    ("korea-north", ("PRK", "KOR"), ("korea-38n", "construction-korea-north"), ((127.0, 40.0),)),
    ("sakhalin-south", ("RUS",), ("construction-sakhalin", "portsmouth-1905-50n"), ((142.7, 47.0),)),
    ("sakhalin-north", ("RUS",), ("construction-sakhalin", "portsmouth-1905-50n"), ((142.8, 52.0),)),
    ("kurils-south", ("RUS",), ("construction-kurils", "shimoda-1855"), ((147.5, 44.8),)),
    ("kurils-north", ("RUS",), ("construction-kurils", "shimoda-1855"), ((151.0, 46.5),)),
]

# What is left of each country's land.
DEFAULT_UNIT = {
    "CHN": "china-proper",
    "TWN": "china-proper",  # Kinmen, Wuqiu and Matsu off Fujian: never part of the 1895 cession
    "JPN": "japan-home",
    "KOR": "korea-south",
    "PRK": "korea-south",  # the part of today's North Korea below 38 N (Kaesong, Ongjin)
    "MNG": "outer-mongolia",
    "RUS": "russia-far-east",
}

# Descriptive properties of every unit, in output order of keys.
UNIT_INFO: dict[str, dict] = {
    "china-proper": dict(
        role="context", name_en="China proper and western Inner Mongolia",
        name_fr="Chine propre et ouest de la Mongolie-Intérieure", name_local="中國 Zhongguo",
        label=[112.5, 33.5]),
    "japan-home": dict(
        role="context", name_en="Japan (home islands)", name_fr="Japon (îles principales)",
        name_local="日本 Nihon", label=[138.5, 36.5]),
    "jehol": dict(
        role="territory", name_en="Jehol (Rehe)", name_fr="Jehol (Rehe)", name_local="熱河 Rehe / Nekka",
        label=[118.6, 42.2]),
    "kiautschou": dict(
        role="territory", name_en="Kiautschou Bay leased territory (Tsingtao)",
        name_fr="Territoire à bail de Kiautschou (Tsingtao)", name_local="膠州灣 Jiaozhou wan / Kiautschou",
        label=[120.42, 36.12]),
    "korea-north": dict(
        group="korea", role="territory", name_en="Korea north of the 38th parallel",
        name_fr="Corée au nord du 38e parallèle", name_local="조선 朝鮮 Chosŏn", label=[126.8, 40.0]),
    "korea-south": dict(
        group="korea", role="territory", name_en="Korea south of the 38th parallel",
        name_fr="Corée au sud du 38e parallèle", name_local="조선 朝鮮 Chosŏn", label=[127.8, 36.3]),
    "kurils-north": dict(
        group="kurils", role="territory", name_en="Northern Kurils (Shumshu to Urup)",
        name_fr="Kouriles du Nord (de Choumchou à Ouroup)", name_local="千島 Chishima / Курильские острова",
        label=[150.0, 45.85]),
    "kurils-south": dict(
        group="kurils", role="territory", name_en="Southern Kurils (Iturup, Kunashir, Shikotan, Habomai)",
        name_fr="Kouriles du Sud (Itouroup, Kounachir, Chikotan, Habomai)",
        name_local="択捉・国後・色丹・歯舞 / Итуруп, Кунашир, Шикотан, Хабомаи", label=[147.9, 45.1]),
    "kwantung": dict(
        role="territory", name_en="Kwantung Leased Territory (Port Arthur, Dalny)",
        name_fr="Territoire à bail du Kwantung (Port-Arthur, Dalny)",
        name_local="関東州 Kantō-shū / 關東州 Guandong / Квантунская область", label=[121.7, 39.1]),
    "liaodong": dict(
        role="territory", name_en="Southern Liaodong (ceded in 1895, returned)",
        name_fr="Liaodong du Sud (cédé en 1895, rétrocédé)", name_local="遼東 Liaodong / Ryōtō",
        label=[123.0, 40.1]),
    "manchuria-north": dict(
        role="territory", name_en="North Manchuria", name_fr="Mandchourie du Nord",
        name_local="北滿洲 Bei Manzhou / Северная Маньчжурия", label=[126.5, 47.5]),
    "manchuria-south": dict(
        role="territory", name_en="South Manchuria", name_fr="Mandchourie du Sud",
        name_local="南滿洲 Nan Manzhou / 南満州 Minami Manshū", label=[124.6, 42.6]),
    "mengjiang": dict(
        role="territory", name_en="Mengjiang (Chahar, Suiyuan, North Shanxi)",
        name_fr="Mengjiang (Chahar, Suiyuan, Shanxi du Nord)", name_local="蒙疆 Mengjiang / Mōkyō",
        label=[112.5, 42.3]),
    "outer-mongolia": dict(
        role="territory", name_en="Outer Mongolia (cut at 100 deg E)",
        name_fr="Mongolie-Extérieure (coupée à 100° E)", name_local="Монгол Mongol / 外蒙古 Wai Menggu",
        label=[106.5, 47.0]),
    "russia-far-east": dict(
        role="context", name_en="Russian Far East and Eastern Siberia",
        name_fr="Extrême-Orient russe et Sibérie orientale", name_local="Дальний Восток", label=[132.0, 52.0]),
    "ryukyu": dict(
        role="context", name_en="Ryukyu (Nansei) islands south of 30 deg N",
        name_fr="Îles Ryūkyū (Nansei) au sud de 30° N", name_local="琉球 Ryūkyū / 沖縄 Okinawa",
        label=[127.91, 26.49]),
    "sakhalin-north": dict(
        role="territory", name_en="North Sakhalin", name_fr="Sakhaline du Nord",
        name_local="Сахалин Sakhalin / 北樺太 Kita-Karafuto", label=[142.8, 51.8]),
    "sakhalin-south": dict(
        role="territory", name_en="South Sakhalin (Karafuto)", name_fr="Sakhaline du Sud (Karafuto)",
        name_local="樺太 Karafuto / Сахалин", label=[142.5, 47.6]),
    "taiwan": dict(
        role="territory", name_en="Taiwan and the Penghu islands", name_fr="Taïwan et les îles Penghu",
        name_local="臺灣 Taiwan / 澎湖 Penghu", label=[120.95, 23.7]),
    "weihaiwei": dict(
        role="territory", name_en="Weihaiwei leased territory", name_fr="Territoire à bail de Weihaiwei",
        name_local="威海衛 Weihaiwei", label=[122.1, 37.42]),
}

# Where a unit meets a unit of another modern country, the border is Natural Earth's modern line.
BORDER_SOURCES = {
    ("CHN", "RUS"): ("treaty-line", "peking-1860", "Art. I",
                     "Amur, Ussuri, Lake Khanka and the land line to the Tumen; the Argun after the 1911 Qiqihar "
                     "treaty. Modern line: the river islands settled in 1991-2008 follow today's division.",
                     "Amour, Oussouri, lac Khanka et la ligne terrestre jusqu'au Tumen ; l'Argoun d'après le traité "
                     "de Tsitsikar de 1911. Ligne moderne : les îles fluviales réglées en 1991-2008 suivent le "
                     "partage actuel."),
    ("CHN", "PRK"): ("treaty-line", "gando-1909", "Art. I",
                     "The Yalu and the Tumen; the Tumen as confirmed by the 1909 Sino-Japanese convention. Modern "
                     "line (the 1962 treaty changed the watershed round Mount Paektu).",
                     "Le Yalou et le Tumen ; le Tumen tel que confirmé par la convention sino-japonaise de 1909. "
                     "Ligne moderne (le traité de 1962 a modifié la ligne de partage autour du mont Paektu)."),
    ("CHN", "MNG"): ("frontier-zone", "kyakhta-1915", "Art. XI",
                     "The limit of autonomous Outer Mongolia was the old Qing administrative line; drawn with "
                     "today's boundary (fixed in 1962), which differs in places by tens of km (Nomonhan/Khalkhin "
                     "Gol 1939).",
                     "La limite de la Mongolie-Extérieure autonome était l'ancienne ligne administrative Qing ; "
                     "tracée avec la frontière actuelle (fixée en 1962), qui s'en écarte par endroits de dizaines "
                     "de km (Nomonhan/Khalkhin Gol 1939)."),
    ("MNG", "RUS"): ("treaty-line", "kyakhta-1727", "boundary articles",
                     "Russo-Qing frontier of the Treaty of Kyakhta; modern line.",
                     "Frontière russo-qing du traité de Kiakhta ; ligne moderne."),
    ("PRK", "RUS"): ("treaty-line", "peking-1860", "Art. I",
                     "The lower Tumen; modern line.", "Le Tumen inférieur ; ligne moderne."),
}
# Lines at sea that decide the islands of a unit cut from what another unit leaves.
EXTRA_EDGE_LINES = {"japan-home": ("scapin-677-30n",), "korea-south": ("korea-38n",)}


def read_features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def read_lines() -> dict[str, dict]:
    """Every hand-digitized line by id, with its properties and geometry."""
    lines = {}
    for path in sorted(LINES.glob("*.geojson")):
        for feature in read_features(path):
            props = feature["properties"]
            if props["id"] in lines:
                raise ValueError(f"line id {props['id']} appears twice")
            lines[props["id"]] = {**props, "file": path.name, "geometry": shape(feature["geometry"])}
    return lines


def geodesic_km2(geom) -> float:
    """Geodesic area on the WGS84 ellipsoid; rings are oriented first, as pyproj signs areas by orientation."""
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(geom))[0]) / 1e6


def polygons(geom) -> list[Polygon]:
    """The polygons of a geometry, whatever its type."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for part in geom.geoms for g in polygons(part)]


def as_multipolygon(geom) -> MultiPolygon:
    return MultiPolygon(polygons(geom))


def read_frame() -> Polygon:
    return shape(read_features(DIGITIZING / "frame.geojson")[0]["geometry"])


def read_land(frame: Polygon):
    """Frame land: Natural Earth land and minor islands, less the large natural lakes."""
    land = [shape(f["geometry"]) for f in read_features(NATURALEARTH / "ne10m_land.geojson")]
    islands = [shape(f["geometry"]) for f in read_features(NATURALEARTH / "ne10m_minor_islands.geojson")]
    lakes = [
        shape(f["geometry"]) for f in read_features(NATURALEARTH / "ne10m_lakes.geojson")
        if f["properties"]["featurecla"] != "Reservoir"
    ]
    lakes = [lake for lake in lakes if geodesic_km2(lake) >= LAKE_MIN_KM2]
    whole = shapely.intersection(shapely.union_all(land + islands, grid_size=GRID), frame, grid_size=GRID)
    return shapely.difference(whole, shapely.union_all(lakes, grid_size=GRID), grid_size=GRID), lakes


def land_by_country(land) -> dict[str, object]:
    """Split the land by modern country; pieces outside every country go to the nearest one."""
    countries = {
        f["properties"]["adm0_a3"]: shape(f["geometry"])
        for f in read_features(NATURALEARTH / "ne10m_countries_from_admin1.geojson")
    }
    parts: dict[str, list] = {code: [] for code in countries}
    for code in sorted(countries):
        piece = shapely.intersection(land, countries[code], grid_size=GRID)
        if not piece.is_empty:
            parts[code].append(piece)
    rest = shapely.difference(land, shapely.union_all([countries[c] for c in sorted(countries)]), grid_size=GRID)
    for piece in polygons(rest):
        point = piece.representative_point()
        nearest = min(sorted(countries), key=lambda code: countries[code].distance(point))
        parts[nearest].append(piece)
    result = {}
    for code in sorted(parts):
        geom = shapely.union_all(parts[code], grid_size=GRID) if parts[code] else Polygon()
        area = sum(p.area for p in polygons(geom))
        if code not in COUNTRIES:
            if area > 1e-6:
                raise ValueError(f"land of {code} inside the frame ({area:.6f} sq deg): adjust the frame")
            continue
        result[code] = geom
    return result


def region(lines: dict[str, dict], ids, seeds):
    """The faces of the polygonized lines that contain a seed point."""
    noded = shapely.union_all([lines[i]["geometry"] for i in ids])
    faces = list(shapely.polygonize(list(getattr(noded, "geoms", [noded]))).geoms)
    chosen = [face for face in faces if any(face.contains(Point(s)) for s in seeds)]
    if not chosen:
        raise ValueError(f"no face of {ids} contains the seeds {seeds}")
    return shapely.union_all(chosen)


def cut_units(land_parts: dict, lines: dict) -> dict[str, object]:
    """The raw (unsimplified) units, a partition of the frame land."""
    taken = []
    units: dict[str, list] = {}
    for unit, countries, ids, seeds in REGION_UNITS:
        area = region(lines, ids, seeds)
        land = shapely.union_all([land_parts[c] for c in countries if c in land_parts], grid_size=GRID)
        piece = shapely.intersection(land, area, grid_size=GRID)
        if taken:
            piece = shapely.difference(piece, shapely.union_all(taken, grid_size=GRID), grid_size=GRID)
        units.setdefault(unit, []).append(piece)
        taken.append(piece)
    taken_all = shapely.union_all(taken, grid_size=GRID)
    for code in sorted(land_parts):
        units.setdefault(DEFAULT_UNIT[code], []).append(
            shapely.difference(land_parts[code], taken_all, grid_size=GRID))
    return {unit: as_multipolygon(shapely.union_all(parts, grid_size=GRID)) for unit, parts in sorted(units.items())}


def renode(units: dict[str, MultiPolygon]) -> dict[str, MultiPolygon]:
    """Re-node all unit rings together so that neighbours share identical vertices along their borders."""
    rings = []
    for geom in units.values():
        for poly in polygons(geom):
            rings.append(poly.exterior)
            rings.extend(poly.interiors)
    noded = shapely.union_all(rings, grid_size=GRID)
    faces = list(shapely.polygonize(list(getattr(noded, "geoms", [noded]))).geoms)
    tree_ids = sorted(units)
    buckets: dict[str, list] = {u: [] for u in tree_ids}
    for face in faces:
        point = face.representative_point()
        owner = next((u for u in tree_ids if units[u].contains(point)), None)
        if owner is not None:  # faces that are holes (lakes) belong to nobody
            buckets[owner].append(face)
    return {u: as_multipolygon(shapely.union_all(buckets[u], grid_size=GRID)) for u in tree_ids}


def drop_specks(units: dict[str, MultiPolygon]) -> dict[str, MultiPolygon]:
    out = {}
    for unit, geom in units.items():
        keep = [p for p in geom.geoms if geodesic_km2(p) >= MIN_ISLAND_KM2]
        out[unit] = MultiPolygon(keep) if keep else geom
    return out


def simplify(units: dict[str, MultiPolygon]) -> dict[str, MultiPolygon]:
    ids = sorted(units)
    # The input vertices lie on the GRID already and coverage simplification only drops vertices.
    simplified = shapely.coverage_simplify([units[u] for u in ids], SIMPLIFY_TOLERANCE)
    oriented = shapely.orient_polygons(simplified)  # RFC 7946: exterior rings counter-clockwise
    return {u: as_multipolygon(g) for u, g in zip(ids, oriented, strict=True)}


def touching_length_km(a, b) -> float:
    shared = a.boundary.intersection(b.boundary)
    lines = [g for g in getattr(shared, "geoms", [shared]) if g.geom_type in ("LineString", "MultiLineString")]
    return sum(GEOD.geometry_length(g) for g in lines) / 1000


def provenance(unit: str, raw: dict, land_parts: dict, lines: dict, coastline) -> dict:
    """Base layer and the edges of a unit: coast, modern borders, hand-digitized lines."""
    geom = raw[unit]
    edges = []
    if geom.boundary.intersection(coastline).length > 0:
        edges.append(dict(line="coast", precision="coast", source="naturalearth",
                          locator="10m land and minor islands",
                          note_en="Coastline of Natural Earth 10m land and minor islands (modern coast).",
                          note_fr="Côte de Natural Earth 10m (terres et petites îles ; côte moderne)."))
    own = {c for c, part in land_parts.items() if part.intersection(geom).area > 1e-9}
    for other, other_geom in sorted(raw.items()):
        if other == unit or not geom.intersects(other_geom):
            continue
        theirs = {c for c, part in land_parts.items() if part.intersection(other_geom).area > 1e-9}
        for pair in sorted(BORDER_SOURCES):
            if ((pair[0] in own and pair[1] in theirs) or (pair[1] in own and pair[0] in theirs)):
                border = shapely.intersection(land_parts[pair[0]].boundary, land_parts[pair[1]].boundary)
                if border.intersection(geom.boundary).length > 0 and border.intersection(other_geom.boundary).length > 0:
                    precision, source, locator, note_en, note_fr = BORDER_SOURCES[pair]
                    edge = dict(line=f"border-{pair[0].lower()}-{pair[1].lower()}", precision=precision,
                                source=source, locator=locator, note_en=note_en, note_fr=note_fr)
                    if edge not in edges:
                        edges.append(edge)
    spec = next((s for s in REGION_UNITS if s[0] == unit), None)
    used = set(spec[2]) if spec else set()
    used |= set(EXTRA_EDGE_LINES.get(unit, ()))
    shared = shapely.union_all([
        geom.boundary.intersection(other_geom.boundary)
        for other, other_geom in sorted(raw.items()) if other != unit and geom.intersects(other_geom)
    ])
    for line_id, line in sorted(lines.items()):
        if line["locator"] == "construction":
            continue
        along = shared.intersection(line["geometry"].buffer(0.003))
        if line_id in used or GEOD.geometry_length(along) / 1000 >= 1:
            edges.append(dict(line=line_id, precision=line["precision"], source=line["source"],
                              locator=line["locator"], note_en=line["note_en"], note_fr=line["note_fr"]))
    return {"base": "naturalearth-10m (land, minor_islands, lakes, countries_from_admin1)", "edges": edges}


def feature_json(unit: str, geom: MultiPolygon, prov: dict) -> str:
    info = UNIT_INFO[unit]
    props = {"id": unit}
    if "group" in info:
        props["group"] = info["group"]
    for key in ("role", "name_en", "name_fr", "name_local", "label"):
        props[key] = info[key]
    props["provenance"] = prov
    coords = [
        [[[round(x, 4), round(y, 4)] for x, y in ring.coords] for ring in [poly.exterior, *poly.interiors]]
        for poly in geom.geoms
    ]
    feature = {"type": "Feature", "properties": props, "geometry": {"type": "MultiPolygon", "coordinates": coords}}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def build() -> tuple[str, dict]:
    frame = read_frame()
    land, _lakes = read_land(frame)
    land_parts = land_by_country(land)
    lines = read_lines()
    raw = renode(cut_units(land_parts, lines))
    missing = set(UNIT_INFO) - set(raw)
    if missing:
        raise ValueError(f"units without land: {sorted(missing)}")
    final = simplify(drop_specks(raw))
    coastline = shapely.union_all([g.boundary for g in polygons(land)])
    features = [feature_json(u, final[u], provenance(u, raw, land_parts, lines, coastline)) for u in sorted(final)]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
    stats = {u: (geodesic_km2(raw[u]), geodesic_km2(final[u])) for u in sorted(final)}
    return text, stats


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write (default geodata/units.geojson)")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing; exit 1 if it differs")
    parser.add_argument("--report", action="store_true", help="print areas and the simplification effect")
    args = parser.parse_args(argv)
    text, stats = build()
    if args.report:
        worst = 0.0
        for unit, (raw_km2, final_km2) in stats.items():
            change = (final_km2 - raw_km2) / raw_km2 * 100
            worst = max(worst, abs(change))
            print(f"{unit:17s} {raw_km2:12,.0f} km2 raw {final_km2:12,.0f} km2 simplified {change:+.3f} %")
        print(f"size {len(text.encode()):,} bytes; largest area change {worst:.3f} %")
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != text.encode("utf-8"):
            print(f"{args.out} differs from a fresh build: run tools/build_units.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
