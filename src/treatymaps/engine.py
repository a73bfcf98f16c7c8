"""The date engine: the state of every unit on any day, folded from the provisions.

Pure: no file I/O and no rendering. A record is compiled once into *steps* (the days on which a
unit's provisions apply, with the state after each); a day's state is then a binary search,
and all the days of the period at once are one ``numpy.searchsorted`` per unit.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from ._errors import UsageError
from .dates import PERIOD_END, PERIOD_START, RecordDate, as_day
from .model import ASPECTS, Provision, Record

STATE_ASPECTS = ("sovereign", "control", "status")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Step:
    """A day on which provisions apply to a unit, and the unit's whole state after it."""

    day: dt.date
    precision: str
    provisions: tuple[Provision, ...]
    state: dict[str, str]
    set_by: dict[str, str]  # aspect -> id of the provision that set its current value

    @property
    def since(self) -> RecordDate:
        return RecordDate(self.day, self.precision)

    def reasons(self) -> list[str]:
        """The provisions behind sovereign, control and status, without repeats."""
        return list(dict.fromkeys(self.set_by[a] for a in STATE_ASPECTS if a in self.set_by))


_compiled: weakref.WeakKeyDictionary[Record, dict[str, list[Step]]] = weakref.WeakKeyDictionary()


def steps(record: Record) -> dict[str, list[Step]]:
    """Every unit's steps in date order (compiled once per record)."""
    if record not in _compiled:
        by_unit: dict[str, dict[dt.date, list[Provision]]] = {u: {} for u in record.unit_ids}
        for provision in record.provisions:
            for unit in record.parts(provision.unit):
                if unit in by_unit:
                    by_unit[unit].setdefault(provision.date.day, []).append(provision)
        compiled = {}
        for unit, days in by_unit.items():
            state: dict[str, str] = {}
            set_by: dict[str, str] = {}
            unit_steps = []
            for day in sorted(days):
                applied = tuple(days[day])
                for provision in applied:
                    state.update(provision.sets)
                    set_by.update({aspect: provision.id for aspect in provision.sets})
                precision = min((p.date.precision for p in applied), key=_PRECISION_RANK.get)
                unit_steps.append(Step(day, precision, applied, dict(state), dict(set_by)))
            compiled[unit] = unit_steps
        _compiled[record] = compiled
    return _compiled[record]


def _step_on(unit_steps: list[Step], day: dt.date) -> Step | None:
    ordinals = [s.day.toordinal() for s in unit_steps]
    index = int(np.searchsorted(ordinals, day.toordinal(), side="right")) - 1
    return unit_steps[index] if index >= 0 else None


def check_unit(record: Record, unit: str) -> tuple[str, ...]:
    """The parts a unit or group id stands for; an unknown id raises ``UsageError``."""
    if unit in record.groups or unit in record.units.index:
        return record.parts(unit)
    valid = ", ".join(sorted(set(record.units.index) | set(record.groups)))
    raise UsageError(f"unknown unit '{unit}': expected one of {valid}")


def state_on(record: Record, date: dt.date | str, *, unit: str | None = None) -> gpd.GeoDataFrame:
    """The state of every unit (or of one unit or group's parts) on ``date``.

    Returns a GeoDataFrame indexed by unit id with the columns ``unit``, ``group``, ``role``,
    ``name_en``, ``name_fr`` (the names of the time), ``sovereign``, ``control``, ``status``,
    ``since`` (as the record knows it: a day, month or year), ``since_day``, ``provisions``
    (the ids behind sovereign, control and status), ``differs`` (sovereign is not control)
    and ``geometry``.
    """
    day = as_day(date)
    wanted = check_unit(record, unit) if unit else record.unit_ids
    compiled = steps(record)
    rows = []
    for unit_id in wanted:
        meta = record.units.loc[unit_id]
        step = _step_on(compiled[unit_id], day)
        state = step.state if step else {}
        rows.append({
            "unit": unit_id, "date": day.isoformat(), "group": meta["group"], "role": meta["role"],
            "name_en": state.get("name_en", meta["name_en"]),
            "name_fr": state.get("name_fr", meta["name_fr"]),
            **{aspect: state.get(aspect) for aspect in STATE_ASPECTS},
            "since": step.since.iso if step else None,
            "since_day": step.day if step else None,
            "provisions": step.reasons() if step else [],
            "differs": bool(state.get("sovereign") != state.get("control")),
        })
    frame = pd.DataFrame(rows, index=pd.Index(list(wanted), name="unit"))
    return gpd.GeoDataFrame(frame, geometry=record.units.geometry.loc[list(wanted)].values,
                            crs=record.units.crs)


def history(record: Record, unit: str) -> pd.DataFrame:
    """Every provision that applied to a unit (or to each part of a group), in date order.

    One row per provision and part: ``unit``, ``date`` (as the record knows it), ``day``,
    ``provision``, ``instrument``, ``article``, ``sets`` (the aspects it set) and the resulting
    ``sovereign``, ``control`` and ``status``.
    """
    rows = []
    compiled = steps(record)
    for part in check_unit(record, unit):
        for step in compiled[part]:
            for provision in step.provisions:
                rows.append({
                    "unit": part, "date": provision.date.iso, "day": step.day,
                    "provision": provision.id, "instrument": provision.instrument,
                    "article": provision.article, "sets": dict(provision.sets),
                    **{aspect: step.state.get(aspect) for aspect in STATE_ASPECTS},
                })
    columns = ["unit", "date", "day", "provision", "instrument", "article", "sets",
               *STATE_ASPECTS]
    return pd.DataFrame(rows, columns=columns).sort_values(["day", "unit"], kind="stable",
                                                           ignore_index=True)


def change_dates(record: Record, *, unit: str | None = None) -> list[dt.date]:
    """The days on which any provision applies (to ``unit``'s parts only, if given)."""
    wanted = check_unit(record, unit) if unit else record.unit_ids
    compiled = steps(record)
    return sorted({step.day for u in wanted for step in compiled[u]})


@dataclass(frozen=True)
class DailyStates:
    """The state of every unit on every day of a span, as codes into ``values``.

    ``codes[aspect]`` is an array of shape (units, days); ``values[aspect][code]`` the id.
    """

    units: tuple[str, ...]
    days: np.ndarray  # datetime64[D]
    codes: dict[str, np.ndarray]
    values: dict[str, tuple[str, ...]]

    def on(self, unit: str, day: dt.date, aspect: str) -> str:
        column = int((np.datetime64(day, "D") - self.days[0]).astype(int))
        return self.values[aspect][self.codes[aspect][self.units.index(unit), column]]


def daily_states(record: Record, *, start: dt.date = PERIOD_START,
                 end: dt.date = PERIOD_END) -> DailyStates:
    """Every unit's sovereign, control and status on every day from ``start`` to ``end``.

    Vectorised: one ``searchsorted`` of all the days against each unit's steps.
    """
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    ordinals = days.astype(np.int64)
    compiled = steps(record)
    values = {a: sorted({s.state.get(a, "") for ss in compiled.values() for s in ss} | {""})
              for a in STATE_ASPECTS}
    lookup = {a: {v: i for i, v in enumerate(values[a])} for a in STATE_ASPECTS}
    codes = {a: np.zeros((len(compiled), len(days)), dtype=np.int16) for a in STATE_ASPECTS}
    epoch = dt.date(1970, 1, 1).toordinal()
    for row, unit in enumerate(record.unit_ids):
        unit_steps = compiled[unit]
        step_days = np.array([s.day.toordinal() - epoch for s in unit_steps], dtype=np.int64)
        index = np.searchsorted(step_days, ordinals, side="right") - 1
        for aspect in STATE_ASPECTS:
            # position 0 stands for "no state yet", before a unit's first step
            per_step = np.array([0] + [lookup[aspect][s.state.get(aspect, "")]
                                       for s in unit_steps], dtype=np.int16)
            codes[aspect][row] = per_step[index + 1]
    return DailyStates(record.unit_ids, days, codes, {a: tuple(v) for a, v in values.items()})


__all__ = ["ASPECTS", "DailyStates", "Step", "change_dates", "check_unit", "daily_states",
           "history", "state_on", "steps"]
