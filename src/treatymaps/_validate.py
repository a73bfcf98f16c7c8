"""Cross-checks of a read record: references, dates, contradictions, coverage, geometry.

Schema problems are found while reading (``loading``); these checks need the whole record.
Each returns a list of ``Problem`` so that every problem is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ._errors import Problem
from .dates import PERIOD_END, PERIOD_START, RecordDate
from .model import ASPECTS, Citation, Origin, Record

PATTERNS = ("none", "hatch", "crosshatch", "dots", "stripes", "dash-outline")
KINDS = ("baseline", "treaty", "convention", "agreement", "protocol", "declaration",
         "proclamation", "military", "law", "other")
REGION_BOX = (95.0, 15.0, 165.0, 60.0)  # lon/lat box around the region
OVERLAP_TOLERANCE = 1e-5  # square degrees, about 0.1 km²: below that, rounding noise


def _at(origin: Origin, field: str, message: str) -> Problem:
    return Problem(origin.file, origin.where, field, message)


def _choices(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids))


def check_record(record: Record) -> list[Problem]:
    """Every cross-check, in reading order of the data model."""
    return [*check_tables(record), *check_references(record), *check_dates(record),
            *check_contradictions(record), *check_coverage(record), *check_geometry(record)]


def check_tables(record: Record) -> Iterator[Problem]:
    for polity in record.polities.values():
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", polity.color):
            yield _at(polity.origin, "color", f"'{polity.color}' is not a colour; expected #rrggbb")
    for status in record.statuses.values():
        if status.pattern not in PATTERNS:
            yield _at(status.origin, "pattern",
                      f"'{status.pattern}' is not a pattern; expected one of {_choices(PATTERNS)}")
    for instrument in record.instruments.values():
        if instrument.kind and instrument.kind not in KINDS:
            yield _at(instrument.origin, "kind",
                      f"'{instrument.kind}' is not a kind; expected one of {_choices(KINDS)}")
    for group in record.groups:
        if group in record.units.index:
            yield Problem(record.units_file, f"group '{group}'", "group",
                          "a group id must not also be a unit id")


def _check_citations(record: Record, origin: Origin, citations: Iterable[Citation],
                     field: str = "sources") -> Iterator[Problem]:
    for citation in citations:
        if citation.source not in record.sources:
            yield _at(origin, field, f"unknown source '{citation.source}'; expected an id from "
                      "geodata/sources/*.csv")


def _check_polity(record: Record, origin: Origin, field: str, polity: str) -> Iterator[Problem]:
    if polity and polity not in record.polities:
        yield _at(origin, field, f"unknown polity '{polity}'; expected one of "
                  f"{_choices(record.polities)}")


def check_references(record: Record) -> Iterator[Problem]:
    targets = set(record.units.index) | set(record.groups)
    for instrument in record.instruments.values():
        for party in instrument.parties:
            yield from _check_polity(record, instrument.origin, "parties", party)
        yield from _check_citations(record, instrument.origin, instrument.sources)
    for provision in record.provisions:
        origin = provision.origin
        if provision.unit and provision.unit not in targets:
            yield _at(origin, "unit", f"unknown unit '{provision.unit}'; expected one of "
                      f"{_choices(targets)}")
        for aspect in ("sovereign", "control"):
            yield from _check_polity(record, origin, aspect, provision.sets.get(aspect, ""))
        status = provision.sets.get("status")
        if status and status not in record.statuses:
            yield _at(origin, "status", f"unknown status '{status}'; expected one of "
                      f"{_choices(record.statuses)}")
        yield from _check_citations(record, origin, provision.sources)
    for event in record.events:
        if event.instrument and event.instrument not in record.instruments:
            yield _at(event.origin, "instrument", f"unknown instrument '{event.instrument}'; "
                      "expected an id from geodata/record/*.toml")
        yield from _check_citations(record, event.origin, event.sources)
    for railway in record.railways:
        for owner in railway.owners:
            yield from _check_polity(record, railway.origin, "owners.polity", owner.polity)
            yield from _check_citations(record, railway.origin, owner.sources, "owners.sources")
    for unit, provenance in record.units["provenance"].items():
        origin = Origin(record.units_file, f"feature '{unit}'")
        edges = provenance.get("edges", []) if isinstance(provenance, dict) else None
        if not isinstance(edges, list) or not isinstance(provenance.get("base"), str):
            yield _at(origin, "provenance", "expected {base: text, edges: [{line, precision, "
                      "source, locator, ...}]}")
            continue
        for edge in edges:
            source = edge.get("source") if isinstance(edge, dict) else None
            if source not in record.sources:
                yield _at(origin, "provenance.edges", f"unknown source {source!r}; expected an "
                          "id from geodata/sources/*.csv")


def _in_period(origin: Origin, field: str, date: RecordDate) -> Iterator[Problem]:
    if not PERIOD_START <= date.day <= PERIOD_END:
        yield _at(origin, field, f"{date.iso} is outside the period; expected a date between "
                  f"{PERIOD_START.isoformat()} and {PERIOD_END.isoformat()}")


def check_dates(record: Record) -> Iterator[Problem]:
    for instrument in record.instruments.values():
        if instrument.in_force and instrument.in_force.day < instrument.signed.day:
            yield _at(instrument.origin, "in_force", f"{instrument.in_force.iso} is before the "
                      f"signature ({instrument.signed.iso}); expected on or after it")
    for provision in record.provisions:
        yield from _in_period(provision.origin, "date", provision.date)
    for event in record.events:
        yield from _in_period(event.origin, "date", event.date)
    for place in record.places:
        for name in place.names:
            yield from _in_period(place.origin, "names.from", name.start)
    for railway in record.railways:
        for owner in railway.owners:
            yield from _in_period(railway.origin, "owners.from", owner.start)


def check_contradictions(record: Record) -> Iterator[Problem]:
    setter: dict[tuple[str, object, str], str] = {}
    for provision in record.provisions:
        for unit in record.parts(provision.unit):
            for aspect in provision.sets:
                key = (unit, provision.date.day, aspect)
                if key in setter:
                    yield _at(provision.origin, aspect, f"contradicts provision '{setter[key]}': "
                              f"both set the {aspect} of '{unit}' on {provision.date.iso}; "
                              "expected one provision per aspect, unit and day")
                else:
                    setter[key] = provision.id


def check_coverage(record: Record) -> Iterator[Problem]:
    first: dict[tuple[str, str], RecordDate] = {}
    for provision in record.provisions:  # sorted by date
        for unit in record.parts(provision.unit):
            for aspect in provision.sets:
                first.setdefault((unit, aspect), provision.date)
    for unit in record.units.index:
        origin = Origin(record.units_file, f"feature '{unit}'")
        for aspect in ASPECTS[:3]:
            date = first.get((unit, aspect))
            if date is None or date.day > PERIOD_START:
                since = f" (first set on {date.iso})" if date else ""
                yield _at(origin, aspect, f"no provision sets it on {PERIOD_START.isoformat()}"
                          f"{since}; expected every unit to have a {aspect} on every day of the "
                          "period")


def check_geometry(record: Record) -> Iterator[Problem]:
    import shapely

    units = record.units
    west, south, east, north = REGION_BOX
    for unit, geometry in units.geometry.items():
        origin = Origin(record.units_file, f"feature '{unit}'")
        if not geometry.is_valid:
            yield _at(origin, "geometry", f"is not valid ({shapely.is_valid_reason(geometry)}); "
                      "expected a valid polygon")
        x0, y0, x1, y1 = geometry.bounds
        if x0 < west or x1 > east or y0 < south or y1 > north:
            yield _at(origin, "geometry", f"bounds ({x0:.2f}, {y0:.2f}, {x1:.2f}, {y1:.2f}) lie "
                      f"outside lon {west:g}..{east:g}, lat {south:g}..{north:g}; expected "
                      "[longitude, latitude] order")
    geometries = list(units.geometry)
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i >= j or not (geometries[i].is_valid and geometries[j].is_valid):
            continue
        area = geometries[i].intersection(geometries[j]).area
        if area > OVERLAP_TOLERANCE:
            origin = Origin(record.units_file, f"feature '{units.index[i]}'")
            yield _at(origin, "geometry", f"overlaps '{units.index[j]}' ({area:.4f} square "
                      "degrees); expected units that share borders and never overlap")
