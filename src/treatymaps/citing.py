"""The provisions behind a day's map, quoted with their sources.

Shared by the pictures' captions and the lessons: what a reader sees is always traced back to
an instrument, an article and a source with its locator, read from the record, never copied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ._errors import UsageError
from .dates import RecordDate, as_day
from .engine import history, state_on
from .model import Citation, Instrument, Provision, Record

_WORDS = {
    "en": {"signed": "signed", "applies": "applies from", "sources": "Sources:",
           "semicolon": "; ", "in_force": "in force", "dates": "Dates:"},
    "fr": {"signed": "signé", "applies": "s'applique à partir", "sources": "Sources :",
           "semicolon": " ; ", "in_force": "en vigueur", "dates": "Dates :"},
}


def _on(record_date: RecordDate, lang: str) -> str:
    """``5 September 1905``; in French with its article: ``le 5 septembre 1905``."""
    text = record_date.text(lang)
    if lang != "fr":
        return text
    return f"le {text}" if record_date.precision == "day" else f"en {text}"


def _provision(record: Record, provision_id: str) -> Provision:
    if provision_id in record.provisions_by_id:
        return record.provisions_by_id[provision_id]
    raise UsageError(f"unknown provision, instrument or event '{provision_id}': see "
                     "treatymaps.provisions_in_force(record, date) or treatymaps.history(record, "
                     "unit) for ids")


def source_text(record: Record, source_id: str, locator: str) -> str:
    """A citation written out: the full reference, then where in it."""
    source = record.sources.get(source_id)
    citation = source.citation if source else source_id
    return f"{citation.rstrip('.')}, {locator}" if locator else citation


def provisions_in_force(record: Record, date: dt.date | str, *, lang: str = "en",
                        units: str | None = None, territories_only: bool = True
                        ) -> pd.DataFrame:
    """The provisions behind the sovereign, control and status of each unit on ``date``.

    One row per provision, oldest first: ``provision``, ``date`` (as the record knows it),
    ``instrument``, ``title``, ``article``, ``units`` (ids), ``unit_names`` (names of the time),
    ``quote``, ``summary`` and ``sources`` (a list of ``(source id, locator)``).
    ``units`` restricts to one unit or group; ``territories_only`` leaves out the context units
    (China proper, Japan, the Russian Far East).
    """
    states = state_on(record, date, unit=units)
    if territories_only:
        states = states[states["role"] == "territory"]
    behind: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    for unit, row in states.iterrows():
        for provision_id in row["provisions"]:
            behind.setdefault(provision_id, []).append(str(unit))
            names.setdefault(provision_id, []).append(str(row[f"name_{lang}"]))
    rows = []
    for provision_id in behind:
        provision = _provision(record, provision_id)
        instrument = record.instruments[provision.instrument]
        rows.append({
            "provision": provision.id, "date": provision.date.iso, "day": provision.date.day,
            "instrument": instrument.id, "title": instrument.title(lang),
            "article": provision.article, "units": behind[provision_id],
            "unit_names": list(dict.fromkeys(names[provision_id])), "quote": provision.quote,
            "summary": provision.summary(lang),
            "sources": [(c.source, c.locator) for c in provision.sources],
        })
    columns = ["provision", "date", "day", "instrument", "title", "article", "units",
               "unit_names", "quote", "summary", "sources"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["day", "provision"], kind="stable", ignore_index=True)


@dataclass(frozen=True)
class Quote:
    """One provision quoted for a lesson: shows as Markdown in Jupyter, as text elsewhere."""

    heading: str
    quote: str
    summary: str
    sources: tuple[str, ...]
    lang: str
    note: str = ""

    def __str__(self) -> str:
        lines = [self.heading]
        if self.quote:
            lines.append(f"  “{self.quote}”")
        lines.append(f"  {self.summary}")
        if self.note:
            lines.append(f"  {_WORDS[self.lang]['dates']} {self.note}")
        label = _WORDS[self.lang]["sources"]
        lines.extend(f"  {label} {s}" for s in self.sources[:1])
        lines.extend(f"  {' ' * len(label)} {s}" for s in self.sources[1:])
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        parts = [f"**{self.heading}**", ""]
        if self.quote:
            parts += [f"> “{self.quote}”", ""]
        parts += [self.summary, ""]
        if self.note:
            parts += [f"*{_WORDS[self.lang]['dates']}* {self.note}", ""]
        words = _WORDS[self.lang]
        parts += [f"*{words['sources']}* " + words["semicolon"].join(self.sources)]
        return "\n".join(parts)


_SIGNED_KINDS = {"treaty", "convention", "agreement", "protocol", "declaration"}


def _dated(instrument: Instrument, lang: str) -> str:
    """'signed 5 September 1905' for what is signed; the bare date for a campaign, a law..."""
    if instrument.kind in _SIGNED_KINDS:
        return f"{_WORDS[lang]['signed']} {_on(instrument.signed, lang)}"
    return instrument.signed.text(lang)


def quote(record: Record, item_id: str, *, lang: str = "en") -> Quote:
    """A provision, an instrument or an event as a lesson quotes it, with its sources.

    A provision: instrument, article, dates, its wording and summary. An instrument: title,
    signature and entry into force, summary and the note on the dates the map uses (an
    instrument like the 1941 Neutrality Pact changes no unit but explains the ones that do).
    An event: title, date and description.
    """
    words = _WORDS[lang]
    if item_id in record.instruments:
        instrument = record.instruments[item_id]
        dates = _dated(instrument, lang)
        if instrument.in_force and instrument.in_force != instrument.signed:
            dates += f"{words['semicolon']}{words['in_force']} {_on(instrument.in_force, lang)}"
        note = instrument.dates_note_fr if lang == "fr" else instrument.dates_note_en
        return Quote(f"{instrument.title(lang)} ({dates})", "",
                     instrument.summary_fr if lang == "fr" else instrument.summary_en,
                     _sources(record, instrument.sources), lang, note)
    for event in record.events:
        if event.id == item_id:
            return Quote(f"{event.title_fr if lang == 'fr' else event.title_en} "
                         f"({event.date.text(lang)})", "",
                         event.description_fr if lang == "fr" else event.description_en,
                         _sources(record, event.sources), lang)
    provision = _provision(record, item_id)
    instrument = record.instruments[provision.instrument]
    heading = instrument.title(lang)
    if provision.article:
        heading += f", {provision.article}"
    dates = _dated(instrument, lang)
    if provision.date.day != instrument.signed.day:
        since = provision.date.text(lang)
        if lang == "fr":
            since = (f"du {since}" if provision.date.precision == "day"
                     else f"d'{since}" if since[0] in "aeiouéAEIOUÉ" else f"de {since}")
        dates += f"{words['semicolon']}{words['applies']} {since}"
    return Quote(f"{heading} ({dates})", provision.quote, provision.summary(lang),
                 _sources(record, provision.sources), lang)


def _sources(record: Record, citations: Iterable[Citation]) -> tuple[str, ...]:
    return tuple(source_text(record, c.source, c.locator) for c in citations)


def compare(record: Record, before: dt.date | str, after: dt.date | str, *, lang: str = "en",
            territories_only: bool = True) -> pd.DataFrame:
    """What changed between two days: one row per unit whose holders, status or name changed.

    Columns: ``unit``, ``name_before``, ``name_after``, then ``sovereign``, ``control`` and
    ``status`` before and after (written out in ``lang``), and ``provisions``: the ids of the
    provisions applied to the unit after ``before`` up to and including ``after``, oldest first
    (quote them with ``quote``).
    """
    first, last = as_day(before), as_day(after)
    if last < first:
        raise UsageError(f"{last.isoformat()} is before {first.isoformat()}: give the earlier "
                         "day first")
    states = {"before": state_on(record, first), "after": state_on(record, last)}
    rows = []
    for unit in record.unit_ids:
        old, new = states["before"].loc[unit], states["after"].loc[unit]
        if territories_only and new["role"] != "territory":
            continue
        aspects = ("sovereign", "control", "status", f"name_{lang}")
        if all(old[a] == new[a] for a in aspects):
            continue
        table = history(record, unit)
        applied = table[(table["day"] > first) & (table["day"] <= last)]
        row: dict[str, object] = {"unit": unit, "name_before": old[f"name_{lang}"],
                                  "name_after": new[f"name_{lang}"]}
        for aspect in ("sovereign", "control", "status"):
            for when, state in (("before", old), ("after", new)):
                row[f"{aspect}_{when}"] = _written(record, aspect, state[aspect], lang)
        row["provisions"] = list(dict.fromkeys(applied["provision"]))
        rows.append(row)
    columns = ["unit", "name_before", "name_after", "sovereign_before", "sovereign_after",
               "control_before", "control_after", "status_before", "status_after", "provisions"]
    return pd.DataFrame(rows, columns=columns)


def _written(record: Record, aspect: str, value: str | None, lang: str) -> str:
    if aspect == "status":
        return record.statuses[value].name(lang) if value in record.statuses else "-"
    return record.polities[value].short(lang) if value in record.polities else "-"


__all__ = ["Quote", "compare", "provisions_in_force", "quote", "source_text"]
