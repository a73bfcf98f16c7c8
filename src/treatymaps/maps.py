"""Interactive day maps: the state of every unit on one day, as a self-contained folium page.

The page holds the record as compact JSON — per unit only its *steps* (the days a provision
applies and the state after), never a row per day — and one script, ``static/timeline.js``,
draws it with Leaflet: fills in the holder's colour, statuses as SVG patterns, labels with the
names of the time, pop-ups with the article, the quotation and the source. The same layer in
``timeline`` mode adds the slider (see ``timeline.py``); here it is fixed on one day.
"""

from __future__ import annotations

import datetime as dt
import os
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import folium
import shapely
from branca.element import MacroElement
from folium.template import Template

from ._atomic import write_atomic
from ._choices import VIEWS, check_lang, check_view
from ._inline import json_for_script, offline_map, render_page, static_text
from .dates import PERIOD_END, PERIOD_START, as_day, format_day
from .engine import steps
from .i18n import text, ui_strings
from .model import Citation, Record

SIMPLIFY_TOLERANCE = 0.005
"""Degrees (about 500 m): about what the map can show at the closest zoom it allows."""
COORDINATE_DIGITS = 3
MAX_ZOOM = 8


def _day_index(day: dt.date) -> int:
    return (day - PERIOD_START).days



def _citations(citations: Iterable[Citation]) -> list[list[str]]:
    return [[c.source, c.locator] for c in citations]


def _encode_ring(ring: Any) -> list[int]:
    """A ring as integers (thousandths of a degree): the first point, then the differences.

    Points that fall together at this precision are dropped; the script decodes it back.
    """
    scale = 10 ** COORDINATE_DIGITS
    out: list[int] = []
    last_x = last_y = 0
    kept = 0
    for lon, lat, *_ in ring:
        x, y = round(lon * scale), round(lat * scale)
        if kept and x == last_x and y == last_y:
            continue
        out += [x - last_x, y - last_y]
        last_x, last_y = x, y
        kept += 1
    return out


def unit_shapes(record: Record) -> dict[str, list[list[list[int]]]]:
    """Each unit's polygons as encoded rings (see ``_encode_ring``), simplified as a coverage.

    ``coverage_simplify`` simplifies each shared border once, so neighbours still meet.
    """
    geometries = list(record.units.geometry.values)
    try:
        simple = shapely.coverage_simplify(geometries, SIMPLIFY_TOLERANCE)
    except (AttributeError, shapely.errors.GEOSException):  # older GEOS: keep full detail
        simple = geometries
    shapes = {}
    for unit, geometry in zip(record.unit_ids, simple, strict=True):
        polygons = getattr(geometry, "geoms", [geometry])
        shapes[unit] = [[_encode_ring(polygon.exterior.coords),
                         *(_encode_ring(hole.coords) for hole in polygon.interiors)]
                        for polygon in polygons if not polygon.is_empty]
    return shapes


def _label_point(record: Record, unit: str) -> list[float]:
    label = record.units.loc[unit, "label"]
    if isinstance(label, (tuple, list)) and len(label) == 2:
        lon, lat = label
    else:
        point = record.units.geometry.loc[unit].representative_point()
        lon, lat = point.x, point.y
    return [round(float(lat), 4), round(float(lon), 4)]


def _text_or_empty(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _provenance(value: Any) -> dict[str, Any]:
    value = value if isinstance(value, dict) else {}
    edges = []
    for edge in value.get("edges") or []:
        if isinstance(edge, dict):
            edges.append({key: _text_or_empty(edge.get(key))
                          for key in ("line", "precision", "source", "locator", "note_en",
                                      "note_fr")})
    return {"base": _text_or_empty(value.get("base")), "edges": edges}


def change_summaries(record: Record, lang: str) -> list[dict[str, Any]]:
    """Each day on which provisions apply: its date as known, and the instruments behind it.

    ``items`` lists, per instrument in the record's order, its title, the articles and the
    summaries of the provisions of that day.
    """
    by_day: dict[dt.date, list[Any]] = {}
    for provision in record.provisions:
        by_day.setdefault(provision.date.day, []).append(provision)
    changes = []
    for day in sorted(by_day):
        provisions = by_day[day]
        precisions = {p.date.precision for p in provisions}
        shown = format_day(day, lang, precision=precisions.pop() if len(precisions) == 1
                           else "day")
        items: dict[str, dict[str, Any]] = {}
        for provision in provisions:
            instrument = record.instruments[provision.instrument]
            item = items.setdefault(instrument.id, {"instrument": instrument.id,
                                                    "title": instrument.title(lang),
                                                    "articles": [], "summaries": []})
            if provision.article and provision.article not in item["articles"]:
                item["articles"].append(provision.article)
            summary = provision.summary(lang)
            if summary and summary not in item["summaries"]:
                item["summaries"].append(summary)
        changes.append({"day": day, "text": shown, "items": list(items.values())})
    return changes


def payload(record: Record, *, lang: str) -> dict[str, Any]:
    """Everything the page's script needs, in one language, as JSON-ready data."""
    check_lang(lang)
    other = "fr" if lang == "en" else "en"
    compiled = steps(record)
    units = []
    for unit in record.unit_ids:
        meta = record.units.loc[unit]
        unit_steps = []
        for step in compiled[unit]:
            state = step.state
            unit_steps.append([
                _day_index(step.day),
                format_day(step.day, lang, precision=step.precision),
                state.get("sovereign", ""), state.get("control", ""), state.get("status", ""),
                state.get(f"name_{lang}", ""), step.reasons(),
            ])
        provenance = _provenance(meta["provenance"])
        units.append({
            "id": unit, "group": _text_or_empty(meta["group"]), "role": meta["role"],
            "name": meta[f"name_{lang}"], "local": _text_or_empty(meta["name_local"]),
            "label": _label_point(record, unit),
            "provenance": {"base": provenance["base"], "edges": [
                [e["line"], e["precision"], e["source"], e["locator"], e[f"note_{lang}"]]
                for e in provenance["edges"]]},
            "steps": unit_steps,
        })
    instruments = {}
    for ident, instrument in record.instruments.items():
        instruments[ident] = {
            "title": instrument.title(lang), "kind": instrument.kind,
            "signed": instrument.signed.text(lang),
            "in_force": instrument.in_force.text(lang) if instrument.in_force else "",
            "place": instrument.place_fr if lang == "fr" else instrument.place_en,
            "summary": instrument.summary_fr if lang == "fr" else instrument.summary_en,
        }
    provisions = {}
    for provision in record.provisions:
        provisions[provision.id] = {
            "instrument": provision.instrument, "article": provision.article,
            "quote": provision.quote, "summary": provision.summary(lang),
            "date": provision.date.text(lang), "sources": _citations(provision.sources),
        }
    changes = [[_day_index(c["day"]), c["text"],
                [[i["instrument"], i["title"], ", ".join(i["articles"])] for i in c["items"]]]
               for c in change_summaries(record, lang)]
    events = [[_day_index(e.date.day), e.date.text(lang), round(e.lat, 4), round(e.lon, 4),
               e.title_fr if lang == "fr" else e.title_en,
               e.description_fr if lang == "fr" else e.description_en,
               _citations(e.sources), e.instrument]
              for e in sorted(record.events, key=lambda e: (e.date.day, e.id))]
    places = [[round(p.lat, 4), round(p.lon, 4),
               [[_day_index(n.start.day), n.fr if lang == "fr" else n.en]
                for n in sorted(p.names, key=lambda n: n.start.day)]]
              for p in sorted(record.places, key=lambda p: p.id)]
    railways = [{
        "name": r.name_fr if lang == "fr" else r.name_en,
        "route": [[round(lat, 4), round(lon, 4)] for lon, lat in r.route],
        "opened": _day_index(r.opened.day), "opened_text": r.opened.text(lang),
        "owners": [[_day_index(o.start.day), o.start.text(lang),
                    o.holder_fr if lang == "fr" else o.holder_en, o.polity,
                    o.note_fr if lang == "fr" else o.note_en, _citations(o.sources)]
                   for o in sorted(r.owners, key=lambda o: o.start.day)],
    } for r in sorted(record.railways, key=lambda r: r.id)]
    return {
        "lang": lang, "other_lang": other,
        "start": PERIOD_START.isoformat(), "days": _day_index(PERIOD_END) + 1,
        "ui": ui_strings(lang),
        "polities": {i: {"name": p.name(lang), "short": p.short(lang), "color": p.color}
                     for i, p in record.polities.items()},
        "statuses": {i: {"name": s.name(lang), "description": s.description(lang),
                         "pattern": s.pattern} for i, s in record.statuses.items()},
        "sources": {i: s.citation for i, s in record.sources.items()},
        "instruments": instruments, "provisions": provisions, "units": units,
        "changes": changes, "events": events, "places": places, "railways": railways,
        "shapes": unit_shapes(record), "shape_scale": 10 ** COORDINATE_DIGITS,
    }


_payloads: weakref.WeakKeyDictionary[Record, dict[str, str]] = weakref.WeakKeyDictionary()


def _payload_json(record: Record, lang: str) -> str:
    # a build writes some thirty pages from one record: encode its data once per language
    cached = _payloads.setdefault(record, {})
    if lang not in cached:
        cached[lang] = json_for_script(payload(record, lang=lang))
    return cached[lang]


class TreatyLayer(MacroElement):
    """The record on a folium map: units, labels, places, railways, events, legend, pop-ups.

    ``mode`` is ``"day"`` (fixed on ``day``) or ``"timeline"`` (a slider over the period).
    ``links`` may name ``timeline`` (the page that pop-up links to other days open) and
    ``other_lang`` (the same page in the other language).
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <header id="tm-bar" class="tm-bar"></header>
        <aside id="tm-side" class="tm-side"></aside>
        <noscript><p class="tm-noscript">{{ this.noscript|e }}</p></noscript>
        <script type="application/json" id="tm-data">{{ this.data_json }}</script>
        <script type="application/json" id="tm-config">{{ this.config_json }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        treatymapsStart({{ this._parent.get_name() }}, document.getElementById("tm-data"),
                        document.getElementById("tm-config"));
        {% endmacro %}
        """)

    def __init__(self, record: Record, *, lang: str, mode: str, day: dt.date | None = None,
                 view: str = "control", links: dict[str, str] | None = None):
        super().__init__()
        self._name = "TreatyLayer"
        check_view(view)
        self.css = static_text("timeline.css")
        self.js = static_text("timeline.js").replace("</script", "<\\/script")
        self.noscript = ("Cette carte a besoin de JavaScript." if lang == "fr"
                         else "This map needs JavaScript.")
        self.data_json = _payload_json(record, lang)
        config = {"mode": mode, "view": view, "links": links or {},
                  "day": _day_index(day) if day else 0, "frame": _frame(record)}
        self.config_json = json_for_script(config)


def _frame(record: Record) -> list[list[float]]:
    territory = record.units[record.units["role"] == "territory"]
    minx, miny, maxx, maxy = (territory if len(territory) else record.units).total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def base_map(record: Record, *, lang: str, title: str, keyboard: bool = True) -> folium.Map:
    """An offline folium map framed on the territories, with no tiles and no modern borders."""
    (south, west), (north, east) = _frame(record)
    fmap = offline_map(lang=lang, title=title, location=[(south + north) / 2, (west + east) / 2],
                       zoom_start=4, min_zoom=3, max_zoom=MAX_ZOOM, zoom_snap=0.25,
                       keyboard=keyboard, attribution_control=True)
    return fmap


def day_map(record: Record, day: dt.date | str, *, lang: str = "en", view: str = "control",
            timeline_href: str | None = "timeline.html",
            other_lang_href: str | None = None) -> folium.Map:
    """The state of every unit on ``day`` as a folium map, ready to save or show in a notebook.

    Parameters
    ----------
    record : Record
        A loaded record (``load_record()``).
    day : date or str
        A day from 1895-01-01 to 1945-12-31 (``"1905-09-05"``).
    lang : {"en", "fr"}
    view : {"control", "sovereignty"}
        Fill each unit with who controls it (de facto) or who holds title (de jure).
    timeline_href : str or None
        The timeline page that links to other days open (``timeline.html#1904-02-08``);
        ``None`` writes the dates without links.
    other_lang_href : str or None
        The same map in the other language, linked from the page's header.
    """
    day = as_day(day)
    check_lang(lang)
    check_view(view)
    title = text("title_day", lang, date=format_day(day, lang))
    fmap = base_map(record, lang=lang, title=title)
    links = {k: v for k, v in (("timeline", timeline_href), ("other_lang", other_lang_href))
             if v}
    fmap.add_child(TreatyLayer(record, lang=lang, mode="day", day=day, view=view, links=links),
                   name="treatymaps")
    return fmap


def write_map(record: Record, day: dt.date | str, path: str | os.PathLike[str], **options: Any
              ) -> Path:
    """Write ``day_map(record, day, **options)`` to ``path`` atomically; return the path."""
    return write_atomic(path, render_page(day_map(record, day, **options)))


def default_map_name(day: dt.date | str, lang: str) -> str:
    return f"map-{as_day(day).isoformat()}-{lang}.html"


__all__ = ["VIEWS", "TreatyLayer", "base_map", "change_summaries", "day_map",
           "default_map_name", "payload", "unit_shapes", "write_map"]

