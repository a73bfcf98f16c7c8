"""The objects of the record: units, polities, statuses, instruments, provisions and the rest.

Plain data, no I/O: ``loading`` builds them from ``geodata/``, ``engine`` folds them into states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .dates import RecordDate

if TYPE_CHECKING:
    import geopandas as gpd

ASPECTS = ("sovereign", "control", "status", "name_en", "name_fr")
"""What a provision can set; whatever it leaves out carries over."""


@dataclass(frozen=True)
class Origin:
    """Where an item was read: the file and the row, table or feature."""

    file: str
    where: str


@dataclass(frozen=True)
class Citation:
    source: str
    locator: str


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str
    note: str
    origin: Origin


@dataclass(frozen=True)
class Polity:
    id: str
    name_en: str
    name_fr: str
    short_en: str
    short_fr: str
    color: str
    origin: Origin

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def short(self, lang: str) -> str:
        return (self.short_fr if lang == "fr" else self.short_en) or self.name(lang)


@dataclass(frozen=True)
class Status:
    id: str
    name_en: str
    name_fr: str
    description_en: str
    description_fr: str
    pattern: str
    origin: Origin

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def description(self, lang: str) -> str:
        return self.description_fr if lang == "fr" else self.description_en


@dataclass(frozen=True)
class DateNote:
    date: RecordDate
    what_en: str
    what_fr: str


@dataclass(frozen=True)
class Instrument:
    id: str
    kind: str
    title_en: str
    title_fr: str
    signed: RecordDate
    place_en: str
    place_fr: str
    place: tuple[float, float] | None
    parties: tuple[str, ...]
    in_force: RecordDate | None
    other_dates: tuple[DateNote, ...]
    dates_note_en: str
    dates_note_fr: str
    summary_en: str
    summary_fr: str
    sources: tuple[Citation, ...]
    origin: Origin

    def title(self, lang: str) -> str:
        return self.title_fr if lang == "fr" else self.title_en


@dataclass(frozen=True)
class Provision:
    id: str
    date: RecordDate
    instrument: str
    unit: str
    article: str
    sets: dict[str, str]
    quote: str
    summary_en: str
    summary_fr: str
    sources: tuple[Citation, ...]
    origin: Origin

    def summary(self, lang: str) -> str:
        return self.summary_fr if lang == "fr" else self.summary_en


@dataclass(frozen=True)
class Event:
    id: str
    date: RecordDate
    lon: float
    lat: float
    title_en: str
    title_fr: str
    description_en: str
    description_fr: str
    instrument: str
    sources: tuple[Citation, ...]
    origin: Origin


@dataclass(frozen=True)
class PlaceName:
    start: RecordDate
    en: str
    fr: str


@dataclass(frozen=True)
class Place:
    id: str
    lon: float
    lat: float
    names: tuple[PlaceName, ...]
    origin: Origin


@dataclass(frozen=True)
class RailwayOwner:
    start: RecordDate
    holder_en: str
    holder_fr: str
    polity: str
    note_en: str
    note_fr: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Railway:
    id: str
    name_en: str
    name_fr: str
    route: tuple[tuple[float, float], ...]
    opened: RecordDate
    owners: tuple[RailwayOwner, ...]
    origin: Origin


@dataclass(eq=False)
class Record:
    """Everything in ``geodata/``, read and checked.

    ``units`` is a GeoDataFrame indexed by unit id, with the columns of the GeoJSON properties.
    ``groups`` maps a group id (``korea``) to its parts (``korea-north``, ``korea-south``).
    """

    units: gpd.GeoDataFrame
    groups: dict[str, tuple[str, ...]]
    polities: dict[str, Polity]
    statuses: dict[str, Status]
    instruments: dict[str, Instrument]
    provisions: tuple[Provision, ...]
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    railways: tuple[Railway, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    units_file: str = "units.geojson"

    @cached_property
    def provisions_by_id(self) -> dict[str, Provision]:
        return {provision.id: provision for provision in self.provisions}

    def parts(self, unit_or_group: str) -> tuple[str, ...]:
        """The units an id stands for: itself, or the parts of a group."""
        return self.groups.get(unit_or_group, (unit_or_group,))

    @property
    def unit_ids(self) -> tuple[str, ...]:
        return tuple(self.units.index)
