"""Reading ``geodata/`` into a ``Record``: the only module that touches the data files.

Every schema problem is collected (file, row or feature, field, what is expected) and raised
together as one ``DataError`` after the cross-checks of ``_validate`` have run too.
"""

from __future__ import annotations

import csv
import json
import os
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from ._errors import DataError, Problem
from .dates import RecordDate, parse_record_date
from .model import (
    ASPECTS,
    Citation,
    DateNote,
    Event,
    Instrument,
    Origin,
    Place,
    PlaceName,
    Polity,
    Provision,
    Railway,
    RailwayOwner,
    Record,
    Source,
    Status,
)


def default_data_dir() -> Path:
    """The shipped ``geodata/``: inside the installed package, else the repository's own."""
    packaged = resources.files("treatymaps") / "geodata"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "geodata"


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


class _Reader:
    """Reads one table (a CSV row, a TOML table, a GeoJSON feature) and records its problems."""

    def __init__(self, problems: list[Problem], file: str, where: str, data: dict[str, Any]):
        self.problems, self.file, self.where, self.data = problems, file, where, data
        self.seen: set[str] = set()

    @property
    def origin(self) -> Origin:
        return Origin(self.file, self.where)

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.where, field, message))

    def text(self, key: str, *, required: bool = True) -> str:
        self.seen.add(key)
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.problem(key, "is missing; expected a non-empty text")
            return ""
        if not isinstance(value, str):
            self.problem(key, f"expected a text, got {value!r}")
            return ""
        return value.strip()

    def date(self, key: str, *, required: bool = True) -> RecordDate | None:
        self.seen.add(key)
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.problem(key, "is missing; expected a date YYYY-MM-DD (or YYYY-MM, YYYY)")
            return None
        try:
            return parse_record_date(value)
        except ValueError as exc:
            self.problem(key, str(exc))
            return None

    def number(self, key: str) -> float:
        self.seen.add(key)
        value = self.data.get(key)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        elif isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self.problem(key, f"expected a number, got {value!r}")
        return float("nan")

    def point(self, key: str, *, required: bool = True) -> tuple[float, float] | None:
        self.seen.add(key)
        value = self.data.get(key)
        if value is None and not required:
            return None
        if (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)):
            return (float(value[0]), float(value[1]))
        self.problem(key, f"expected [longitude, latitude], got {value!r}")
        return None

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        self.seen.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing; expected a list")
            return []
        if not isinstance(value, list):
            self.problem(key, f"expected a list, got {value!r}")
            return []
        return value

    def citations(self, key: str = "sources") -> tuple[Citation, ...]:
        found = []
        entries = self.items(key)
        if not entries and key in self.data:
            self.problem(key, "is empty; expected at least one {source, locator}")
        for i, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                self.problem(key, f"entry {i}: expected {{source = \"id\", locator = \"...\"}}")
                continue
            source, locator = entry.get("source"), entry.get("locator")
            if not isinstance(source, str) or not source:
                self.problem(key, f"entry {i}: 'source' is missing; expected a source id")
            if not isinstance(locator, str) or not locator.strip():
                self.problem(key, f"entry {i}: 'locator' is missing; expected where in the "
                             "source (article, page, section)")
            if isinstance(source, str) and isinstance(locator, str):
                found.append(Citation(source, locator.strip()))
            unknown = set(entry) - {"source", "locator"}
            if unknown:
                self.problem(key, f"entry {i}: unknown key(s) {', '.join(sorted(unknown))}; "
                             "expected source, locator")
        return tuple(found)

    def finish(self, allowed_extra: set[str] = frozenset()) -> None:
        unknown = set(self.data) - self.seen - allowed_extra
        for key in sorted(unknown):
            self.problem(key, f"unknown field; expected one of: {', '.join(sorted(self.seen))}")


def _read_csv(path: Path, problems: list[Problem], columns: list[str]) -> list[_Reader]:
    file = _display(path)
    if not path.is_file():
        problems.append(Problem(file, "", "", "file is missing"))
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            problems.append(Problem(file, "header", ", ".join(missing),
                                    f"column(s) missing; expected columns {','.join(columns)}"))
            return []
        rows = []
        for number, row in enumerate(reader, 2):
            rows.append(_Reader(problems, file, f"row {number}", dict(row)))
        return rows


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(_display(path), "", "", f"is not valid TOML: {exc}"))
    except OSError as exc:
        problems.append(Problem(_display(path), "", "", f"cannot be read: {exc.strerror}"))
    return None


def _tables(path: Path, doc: dict[str, Any] | None, key: str,
            problems: list[Problem]) -> list[_Reader]:
    """The ``[[key]]`` tables of a TOML document, each with its reader."""
    if doc is None:
        return []
    file = _display(path)
    tables = doc.get(key, [])
    if not isinstance(tables, list):
        problems.append(Problem(file, "", key, f"expected [[{key}]] tables"))
        return []
    readers = []
    for i, table in enumerate(tables, 1):
        ident = table.get("id") if isinstance(table, dict) else None
        where = f"{key} {i}" + (f" '{ident}'" if isinstance(ident, str) else "")
        readers.append(_Reader(problems, file, where, table if isinstance(table, dict) else {}))
    return readers


def _load_sources(folder: Path, problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        problems.append(Problem(_display(folder), "", "", "no sources: expected *.csv files"))
    for path in files:
        for row in _read_csv(path, problems, ["id", "citation", "url", "note"]):
            source = Source(row.text("id"), row.text("citation"), row.text("url", required=False),
                            row.text("note", required=False), row.origin)
            row.finish()
            _add(sources, source, row)
    return sources


def _add(table: dict[str, Any], item: Any, row: _Reader) -> None:
    if not item.id:
        return
    if item.id in table:
        first = table[item.id].origin
        row.problem("id", f"duplicate id '{item.id}' (first at {first.file} {first.where})")
    else:
        table[item.id] = item


def _load_polities(path: Path, problems: list[Problem]) -> dict[str, Polity]:
    polities: dict[str, Polity] = {}
    columns = ["id", "name_en", "name_fr", "short_en", "short_fr", "color"]
    for row in _read_csv(path, problems, columns):
        polity = Polity(row.text("id"), row.text("name_en"), row.text("name_fr"),
                        row.text("short_en", required=False), row.text("short_fr", required=False),
                        row.text("color"), row.origin)
        row.finish()
        _add(polities, polity, row)
    return polities


def _load_statuses(path: Path, problems: list[Problem]) -> dict[str, Status]:
    statuses: dict[str, Status] = {}
    columns = ["id", "name_en", "name_fr", "description_en", "description_fr", "pattern"]
    for row in _read_csv(path, problems, columns):
        status = Status(*(row.text(c) for c in columns), row.origin)
        row.finish()
        _add(statuses, status, row)
    return statuses


def _instrument(table: _Reader) -> Instrument:
    other = []
    for i, entry in enumerate(table.items("other_dates", required=False), 1):
        sub = _Reader(table.problems, table.file, f"{table.where} other_dates {i}",
                      entry if isinstance(entry, dict) else {})
        date = sub.date("date")
        note = DateNote(date, sub.text("what_en"), sub.text("what_fr")) if date else None
        sub.finish()
        if note:
            other.append(note)
    parties = table.items("parties")
    instrument = Instrument(
        id=table.text("id"), kind=table.text("kind"),
        title_en=table.text("title_en"), title_fr=table.text("title_fr"),
        signed=table.date("signed") or RecordDate(parse_record_date("1895").day, "year"),
        place_en=table.text("place_en", required=False),
        place_fr=table.text("place_fr", required=False),
        place=table.point("place", required=False),
        parties=tuple(p for p in parties if isinstance(p, str)),
        in_force=table.date("in_force", required=False),
        other_dates=tuple(other),
        dates_note_en=table.text("dates_note_en", required=False),
        dates_note_fr=table.text("dates_note_fr", required=False),
        summary_en=table.text("summary_en"), summary_fr=table.text("summary_fr"),
        sources=table.citations(), origin=table.origin,
    )
    table.finish()
    return instrument


def _provision(table: _Reader, instrument: str) -> Provision | None:
    date = table.date("date")
    sets = {aspect: table.text(aspect, required=False) for aspect in ASPECTS}
    sets = {aspect: value for aspect, value in sets.items() if value}
    if not sets:
        table.problem("sovereign", "a provision must set at least one of: " + ", ".join(ASPECTS))
    provision = Provision(
        id=table.text("id"), date=date or RecordDate(parse_record_date("1895").day),
        instrument=instrument, unit=table.text("unit"),
        article=table.text("article", required=False), sets=sets,
        quote=table.text("quote", required=False),
        summary_en=table.text("summary_en"), summary_fr=table.text("summary_fr"),
        sources=table.citations(), origin=table.origin,
    )
    table.finish()
    return provision if date else None


def _load_record_files(folder: Path, problems: list[Problem]
                       ) -> tuple[dict[str, Instrument], list[Provision]]:
    instruments: dict[str, Instrument] = {}
    provisions: list[Provision] = []
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        problems.append(Problem(_display(folder), "", "", "no instruments: expected *.toml files"))
    for path in files:
        doc = _read_toml(path, problems)
        if doc is None:
            continue
        file = _display(path)
        head = doc.get("instrument")
        if not isinstance(head, dict):
            problems.append(Problem(file, "", "instrument",
                                    "missing; expected an [instrument] table"))
            continue
        ident = head.get("id")
        where = "instrument" + (f" '{ident}'" if isinstance(ident, str) else "")
        instrument = _instrument(_Reader(problems, file, where, head))
        _add(instruments, instrument, _Reader(problems, file, where, {}))
        for table in _tables(path, doc, "provision", problems):
            provision = _provision(table, instrument.id)
            if provision:
                provisions.append(provision)
        for key in sorted(set(doc) - {"instrument", "provision"}):
            problems.append(Problem(file, "", key, "unknown table; expected [instrument] and "
                                    "[[provision]]"))
    return instruments, provisions


def _load_events(path: Path, problems: list[Problem]) -> list[Event]:
    events = []
    for table in _tables(path, _read_toml(path, problems), "event", problems):
        date = table.date("date")
        event = Event(table.text("id"), date or RecordDate(parse_record_date("1895").day),
                      table.number("lon"), table.number("lat"),
                      table.text("title_en"), table.text("title_fr"),
                      table.text("description_en"), table.text("description_fr"),
                      table.text("instrument", required=False), table.citations(), table.origin)
        table.finish()
        if date:
            events.append(event)
    return events


def _load_places(path: Path, problems: list[Problem]) -> list[Place]:
    places = []
    for table in _tables(path, _read_toml(path, problems), "place", problems):
        names = []
        for i, entry in enumerate(table.items("names"), 1):
            sub = _Reader(problems, table.file, f"{table.where} names {i}",
                          entry if isinstance(entry, dict) else {})
            start = sub.date("from")
            name = PlaceName(start, sub.text("en"), sub.text("fr")) if start else None
            sub.finish()
            if name:
                names.append(name)
        place = Place(table.text("id"), table.number("lon"), table.number("lat"),
                      tuple(names), table.origin)
        table.finish()
        places.append(place)
    return places


def _load_railways(path: Path, problems: list[Problem]) -> list[Railway]:
    railways = []
    for table in _tables(path, _read_toml(path, problems), "railway", problems):
        route = []
        for i, point in enumerate(table.items("route"), 1):
            sub = _Reader(problems, table.file, table.where, {f"route[{i}]": point})
            lonlat = sub.point(f"route[{i}]")
            if lonlat:
                route.append(lonlat)
        owners = []
        for i, entry in enumerate(table.items("owners"), 1):
            sub = _Reader(problems, table.file, f"{table.where} owners {i}",
                          entry if isinstance(entry, dict) else {})
            start = sub.date("from")
            owner = RailwayOwner(start or RecordDate(parse_record_date("1895").day),
                                 sub.text("holder_en"), sub.text("holder_fr"),
                                 sub.text("polity"), sub.text("note_en", required=False),
                                 sub.text("note_fr", required=False), sub.citations())
            sub.finish()
            if start:
                owners.append(owner)
        opened = table.date("opened")
        railway = Railway(table.text("id"), table.text("name_en"), table.text("name_fr"),
                          tuple(route), opened or RecordDate(parse_record_date("1895").day),
                          tuple(owners), table.origin)
        table.finish()
        railways.append(railway)
    return railways


def _load_units(path: Path, problems: list[Problem]):  # -> (GeoDataFrame, groups)
    import geopandas as gpd
    from shapely.geometry import shape

    file = _display(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(file, "", "", "file is missing"))
        return None, {}
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problems.append(Problem(file, "", "", f"is not valid GeoJSON: {exc}"))
        return None, {}
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        problems.append(Problem(file, "", "features", "expected a FeatureCollection"))
        return None, {}
    rows, geometries, seen = [], [], {}
    for number, feature in enumerate(features, 1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        ident = props.get("id")
        where = f"feature {number}" + (f" '{ident}'" if isinstance(ident, str) else "")
        reader = _Reader(problems, file, where, props)
        row = {
            "id": reader.text("id"), "group": reader.text("group", required=False) or None,
            "role": reader.text("role"), "name_en": reader.text("name_en"),
            "name_fr": reader.text("name_fr"),
            "name_local": reader.text("name_local", required=False),
            "label": reader.point("label", required=False),
            "provenance": props.get("provenance"),
        }
        reader.seen.add("provenance")
        if row["role"] and row["role"] not in ("territory", "context"):
            reader.problem("role", f"'{row['role']}' is not a role; expected territory or context")
        reader.finish()
        try:
            geometry = shape(feature["geometry"])
        except Exception as exc:  # shapely raises several kinds for malformed GeoJSON
            reader.problem("geometry", f"is not a GeoJSON geometry ({exc})")
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            reader.problem("geometry", f"is a {geometry.geom_type}; expected a (Multi)Polygon")
            continue
        if row["id"] in seen:
            reader.problem("id", f"duplicate unit id '{row['id']}' (first at {seen[row['id']]})")
            continue
        seen[row["id"]] = where
        rows.append(row)
        geometries.append(geometry)
    units = gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    units.index = [r["id"] for r in rows]
    units.index.name = "unit"
    groups: dict[str, list[str]] = {}
    for row in rows:
        if row["group"]:
            groups.setdefault(row["group"], []).append(row["id"])
    return units, {g: tuple(parts) for g, parts in groups.items()}


def read_record(data_dir: Path, problems: list[Problem]) -> Record | None:
    """Read every file of ``data_dir``, adding schema problems to ``problems``."""
    units, groups = _load_units(data_dir / "units.geojson", problems)
    instruments, provisions = _load_record_files(data_dir / "record", problems)
    record = Record(
        units=units, groups=groups,
        polities=_load_polities(data_dir / "polities.csv", problems),
        statuses=_load_statuses(data_dir / "statuses.csv", problems),
        instruments=instruments,
        provisions=tuple(sorted(provisions, key=lambda p: (p.date.day, p.id))),
        events=tuple(_optional(data_dir / "events.toml", _load_events, problems)),
        places=tuple(_optional(data_dir / "places.toml", _load_places, problems)),
        railways=tuple(_optional(data_dir / "railways.toml", _load_railways, problems)),
        sources=_load_sources(data_dir / "sources", problems),
        units_file=_display(data_dir / "units.geojson"),
    )
    return record if units is not None else None


def _optional(path: Path, load: Callable[[Path, list[Problem]], list[Any]],
              problems: list[Problem]) -> list[Any]:
    return load(path, problems) if path.exists() else []


def load_record(path: str | os.PathLike[str] | None = None) -> Record:
    """Read and validate the record in ``path`` (default: the shipped ``geodata/``).

    Raises
    ------
    DataError
        Listing every problem found, one per line, when anything is wrong.
    """
    from ._validate import check_record

    data_dir = Path(path) if path is not None else default_data_dir()
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(_display(data_dir), "", "", "is not a folder of treatymaps data "
                                 "(expected units.geojson, polities.csv, record/ ...)")])
    record = read_record(data_dir, problems)
    if record is not None:
        problems.extend(check_record(record))
    if problems:
        raise DataError(problems)
    assert record is not None
    return record
