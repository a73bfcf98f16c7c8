"""The real record's own invariants: coverage of every day, citations, both languages, and spot
checks of who held what, written from the historical record (see docs/sources.md)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from treatymaps import change_dates, load_record, state_on

REPO = Path(__file__).resolve().parents[1]
GEODATA = REPO / "geodata"
PERIOD_START, PERIOD_END = dt.date(1895, 1, 1), dt.date(1945, 12, 31)
ASPECTS = ("sovereign", "control", "status")


@pytest.fixture(scope="module")
def record():
    return load_record(GEODATA)


def _states(record, day):
    return state_on(record, day)


# --- coverage -----------------------------------------------------------------------------------

def test_every_unit_has_a_state_on_every_day(record):
    # Provisions only ever set aspects, so the state can only change on a change date: checking
    # the first day, every change date and the last day covers every day of the period.
    days = sorted({PERIOD_START, PERIOD_END, *change_dates(record)})
    for day in days:
        frame = _states(record, day)
        for aspect in ASPECTS:
            missing = frame.index[frame[aspect].isna()].tolist()
            assert not missing, f"{day}: no {aspect} for {missing}"


def test_baseline_sets_every_unit(record):
    frame = _states(record, PERIOD_START)
    assert set(frame["since"]) == {"1895-01-01"}


# --- citations and languages --------------------------------------------------------------------

def _record_files():
    return sorted((GEODATA / "record").glob("*.toml"))


def _citations(item):
    return item.get("sources", [])


def _my_source_ids():
    with (GEODATA / "sources" / "record.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize("path", _record_files(), ids=lambda p: p.name)
def test_instrument_file(path):
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    head = doc["instrument"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.toml", path.name)
    assert path.name.startswith(head["signed"]), "file name starts with the date signed"
    for key in ("title_en", "title_fr", "summary_en", "summary_fr", "dates_note_en",
                "dates_note_fr"):
        assert head.get(key, "").strip(), f"instrument lacks {key}"
    assert _citations(head) and all(c["locator"].strip() for c in _citations(head))
    for provision in doc.get("provision", []):
        for key in ("summary_en", "summary_fr"):
            assert provision.get(key, "").strip(), f"{provision['id']} lacks {key}"
        cites = _citations(provision)
        assert cites and all(c["locator"].strip() for c in cites), provision["id"]
        if "quote" in provision:
            assert len(provision["quote"].split()) <= 25, f"{provision['id']}: quote too long"
        assert ("name_en" in provision) == ("name_fr" in provision), provision["id"]


def test_events_places_railways_are_bilingual_and_cited(record):
    assert len(record.events) >= 30
    for event in record.events:
        assert event.title_en and event.title_fr and event.description_en and event.description_fr
        assert event.sources and all(c.locator for c in event.sources), event.id
    for place in record.places:
        assert place.names and all(n.en and n.fr for n in place.names), place.id
    for railway in record.railways:
        assert railway.owners and railway.route, railway.id
        for owner in railway.owners:
            assert owner.sources and owner.holder_en and owner.holder_fr, railway.id


def test_every_record_source_is_cited(record):
    cited = {c.source for i in record.instruments.values() for c in i.sources}
    cited |= {c.source for p in record.provisions for c in p.sources}
    cited |= {c.source for e in record.events for c in e.sources}
    cited |= {c.source for r in record.railways for o in r.owners for c in o.sources}
    assert _my_source_ids() - cited == set()
    assert {"seed-portsmouth", "seed-neutrality"} <= cited


def test_polities_and_statuses(record):
    required = {"qing", "china", "japan", "russia", "soviet", "korea", "manchukuo", "mengjiang",
                "mongolia", "usa"}
    assert required <= set(record.polities)
    colours = [p.color.lower() for p in record.polities.values()]
    assert len(colours) == len(set(colours)), "each polity has its own colour"
    assert {"integral", "colony", "lease", "protectorate", "occupation", "puppet"} <= set(
        record.statuses)


def test_sources_page_is_current():
    spec = importlib.util.spec_from_file_location("write_sources_md",
                                                  REPO / "tools" / "write_sources_md.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (REPO / "docs" / "sources.md").read_text(encoding="utf-8") == module.render(), (
        "docs/sources.md is out of date: run python tools/write_sources_md.py")


# --- spot checks --------------------------------------------------------------------------------

SPOT_CHECKS = [
    # unit, day, sovereign, control, status (None: not checked), reason
    ("kwantung", "1895-01-01", "qing", "japan", "occupation", "Port Arthur fell 21 Nov 1894"),
    ("liaodong", "1895-01-01", "qing", "japan", "contested", "front near Haicheng"),
    ("korea-south", "1895-01-01", "korea", "korea", "tributary", "Joseon in the Qing order"),
    ("weihaiwei", "1895-02-11", "qing", "qing", "contested", "siege, day before capitulation"),
    ("weihaiwei", "1895-02-12", "qing", "japan", "occupation", "Beiyang fleet capitulates"),
    ("liaodong", "1895-05-07", "qing", "japan", "occupation", "Shimonoseki not yet in force"),
    ("liaodong", "1895-05-08", "japan", "japan", "colony", "Shimonoseki art. II in force"),
    ("korea-north", "1895-05-08", "korea", "korea", "integral", "Shimonoseki art. I"),
    ("taiwan", "1895-05-08", "japan", "qing", "contested", "ceded, Qing officials still there"),
    ("taiwan", "1895-05-25", "japan", "formosa", "unrecognised-state", "Republic of Formosa"),
    ("taiwan", "1895-06-07", "japan", "japan", "contested", "Taipei taken, south resists"),
    ("taiwan", "1895-10-21", "japan", "japan", "colony", "Tainan falls"),
    ("kwantung", "1895-11-07", "japan", "japan", "colony", "day before retrocession"),
    ("kwantung", "1895-11-08", "qing", "japan", "occupation", "retrocession signed"),
    ("liaodong", "1896-01-01", "qing", "qing", "integral", "Japanese evacuation done Dec 1895"),
    ("kwantung", "1898-03-26", "qing", "qing", "integral", "day before the Russian lease"),
    ("kwantung", "1898-03-27", "qing", "russia", "lease", "Russian lease of Port Arthur"),
    ("kiautschou", "1898-03-06", "qing", "germany", "lease", "German lease"),
    ("weihaiwei", "1898-05-23", "qing", "japan", "occupation", "day before Japanese leave"),
    ("weihaiwei", "1898-07-01", "qing", "uk", "lease", "British lease convention"),
    ("manchuria-north", "1901-01-01", "qing", "russia", "occupation", "Boxer-war occupation"),
    ("korea-north", "1904-02-09", "korea", "japan", "occupation", "Japanese troops in Seoul"),
    ("kwantung", "1905-01-01", "qing", "russia", "contested", "last day of the siege"),
    ("kwantung", "1905-01-02", "qing", "japan", "occupation", "Stoessel surrenders"),
    ("sakhalin-south", "1905-07-06", "russia", "russia", "integral", "day before the landing"),
    ("sakhalin-south", "1905-09-04", "russia", "japan", "occupation",
     "Japanese occupation since July 1905; cession signed next day"),
    ("sakhalin-south", "1905-09-05", "japan", "japan", "colony", "Portsmouth art. IX, signature"),
    ("sakhalin-north", "1905-09-05", "russia", "japan", "occupation", "north still occupied"),
    ("sakhalin-north", "1905-11-25", "russia", "russia", "integral", "Portsmouth in force"),
    ("kwantung", "1905-09-05", "qing", "japan", "lease", "Portsmouth art. V"),
    ("korea-south", "1905-11-17", "korea", "japan", "protectorate", "Eulsa treaty"),
    ("manchuria-south", "1908-01-01", "qing", "qing", "integral", "evacuated by April 1907"),
    ("korea-north", "1910-08-28", "korea", "japan", "protectorate", "day before annexation"),
    ("korea-north", "1910-08-29", "japan", "japan", "colony", "annexation in force, art. 8"),
    ("china-proper", "1912-02-11", "qing", "qing", "contested", "day before abdication"),
    ("china-proper", "1912-02-12", "china", "china", "integral", "Qing abdication"),
    ("outer-mongolia", "1912-06-01", "china", "mongolia", "unrecognised-state", "Bogd Khanate"),
    ("outer-mongolia", "1915-06-07", "china", "mongolia", "autonomous", "Kyakhta agreement"),
    ("kiautschou", "1914-11-07", "china", "japan", "occupation", "Tsingtao surrenders"),
    ("outer-mongolia", "1920-01-01", "china", "china", "integral", "autonomy abolished 1919"),
    ("sakhalin-north", "1920-04-21", "soviet", "japan", "occupation", "Japanese occupation"),
    ("russia-far-east", "1921-01-01", "soviet", "far-eastern-republic", "contested", "FER"),
    ("kiautschou", "1922-12-09", "china", "japan", "occupation", "day before the handover"),
    ("kiautschou", "1922-12-10", "china", "china", "integral", "Shandong treaty executed"),
    ("russia-far-east", "1923-01-01", "soviet", "soviet", "integral", "FER merged Nov 1922"),
    ("sakhalin-north", "1925-05-14", "soviet", "japan", "occupation", "evacuation not done"),
    ("sakhalin-north", "1925-05-15", "soviet", "soviet", "integral", "Japanese evacuation done"),
    ("weihaiwei", "1930-10-01", "china", "china", "integral", "Weihaiwei returned"),
    ("manchuria-south", "1931-09-17", "china", "china", "integral", "day before Mukden Incident"),
    ("manchuria-north", "1932-02-05", "china", "japan", "occupation", "Harbin taken"),
    ("manchuria-south", "1932-03-01", "china", "manchukuo", "puppet", "Manchukuo proclaimed"),
    ("jehol", "1932-03-01", "china", "china", "integral", "claimed by Manchukuo, not yet held"),
    ("jehol", "1933-06-01", "china", "manchukuo", "puppet", "after Chengde and Tanggu"),
    ("kwantung", "1933-06-01", "china", "japan", "lease", "lease runs on, 99 years"),
    ("mengjiang", "1939-08-31", "china", "mengjiang", "puppet", "Mongol governments since 1937"),
    ("mengjiang", "1939-09-01", "china", "mengjiang", "puppet", "Mengjiang united"),
    ("china-proper", "1939-09-01", "china", "china", "partly-occupied", "war since July 1937"),
    ("outer-mongolia", "1941-04-13", "china", "mongolia", "unrecognised-state",
     "neutrality pact changes no title"),
    ("manchuria-north", "1941-04-13", "china", "manchukuo", "puppet", "Soviet pledge on Manchukuo"),
    ("sakhalin-south", "1943-04-01", "japan", "japan", "integral", "Karafuto in the naichi"),
    ("ryukyu", "1945-06-22", "japan", "usa", "occupation", "end of organised resistance"),
    ("manchuria-north", "1945-08-08", "china", "manchukuo", "puppet", "day before the invasion"),
    ("manchuria-north", "1945-08-09", "china", "manchukuo", "contested", "Soviet invasion"),
    ("korea-north", "1945-08-09", "japan", "japan", "colony", "Korea not yet attacked"),
    ("manchuria-south", "1945-08-18", "china", "soviet", "occupation", "Manchukuo dissolved"),
    ("sakhalin-south", "1945-08-24", "japan", "japan", "contested", "fighting on Karafuto"),
    ("sakhalin-south", "1945-08-25", "japan", "soviet", "occupation", "Toyohara taken"),
    ("kurils-south", "1945-08-31", "japan", "japan", "integral", "not yet occupied"),
    ("kurils-south", "1945-09-02", "japan", "soviet", "occupation", "occupied 28 Aug–5 Sep"),
    ("kurils-north", "1945-09-02", "japan", "soviet", "occupation", "garrisons surrendered 23 Aug"),
    ("japan-home", "1945-09-01", "japan", "japan", "integral", "day before the surrender"),
    ("japan-home", "1945-09-02", "japan", "usa", "occupation", "Instrument of Surrender"),
    ("korea-north", "1945-09-02", "japan", "soviet", "occupation", "Soviet zone"),
    ("korea-south", "1945-09-08", "japan", "japan", "colony", "Incheon landing day"),
    ("korea-south", "1945-09-09", "japan", "usa", "occupation", "surrender in Seoul"),
    ("china-proper", "1945-09-09", "china", "china", "integral", "surrender at Nanjing"),
    ("taiwan", "1945-10-24", "japan", "japan", "colony", "day before the takeover"),
    ("taiwan", "1945-10-25", "japan", "china", "occupation", "Chinese takeover of Taiwan"),
    ("kwantung", "1945-12-31", "china", "soviet", "occupation", "Soviet occupation"),
    ("outer-mongolia", "1945-12-31", "china", "mongolia", "unrecognised-state",
     "China recognised independence 5 Jan 1946"),
]


@pytest.mark.parametrize(("unit", "day", "sovereign", "control", "status", "reason"), SPOT_CHECKS,
                         ids=[f"{u}-{d}" for u, d, *_ in SPOT_CHECKS])
def test_spot_check(record, unit, day, sovereign, control, status, reason):
    row = state_on(record, day, unit=unit).loc[unit]
    assert (row["sovereign"], row["control"]) == (sovereign, control), reason
    if status is not None:
        assert row["status"] == status, reason


def test_spot_checks_cover_key_days():
    days = {d for _, d, *_ in SPOT_CHECKS}
    key = {"1895-05-08", "1895-11-08", "1898-03-27", "1905-09-05", "1910-08-29", "1932-03-01",
           "1933-06-01", "1939-09-01", "1941-04-13", "1945-08-09", "1945-09-02"}
    assert key <= days
    assert len(SPOT_CHECKS) >= 40
