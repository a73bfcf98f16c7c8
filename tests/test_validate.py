"""One test per class of validation error, each on a copy of the synthetic record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treatymaps import DataError, load_record


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_record(folder)
    assert isinstance(caught.value, ValueError)
    return [str(p) for p in caught.value.problems]


def test_the_synthetic_record_is_valid(mini):
    assert len(load_record(mini).provisions) == 4


def test_schema_missing_field(mini):
    _edit(mini / "record" / "1-treaty.toml", 'summary_fr = "Le bleu tient', 'note = "Le bleu tient')
    problems = _problems(mini)
    assert any("1-treaty.toml: provision 1 'lease-west': field 'summary_fr': is missing" in p
               for p in problems), problems
    assert any("field 'note': unknown field" in p for p in problems), problems


def test_schema_unparseable_date(mini):
    _edit(mini / "record" / "1-treaty.toml", 'date = "1900-06-10"', 'date = "1900-13-10"')
    [problem] = _problems(mini)
    assert "provision 1 'lease-west': field 'date': '1900-13-10' is not a calendar date" in problem


def test_schema_bad_toml_names_the_file_and_line(mini):
    _edit(mini / "record" / "1-treaty.toml", 'kind = "treaty"', 'kind = treaty')
    [problem] = _problems(mini)
    assert "1-treaty.toml: is not valid TOML" in problem and "line" in problem


def test_schema_bad_colour(mini):
    _edit(mini / "polities.csv", "#0072B2", "blue")
    [problem] = _problems(mini)
    assert "polities.csv: row 3: field 'color': 'blue' is not a colour; expected #rrggbb" in problem


@pytest.mark.parametrize("old, new, field, expected", [
    ('unit = "west"\narticle', 'unit = "wes"\narticle', "unit", "unknown unit 'wes'; expected one "
     "of isle, isle-north, isle-south, west"),
    ('control = "blue"\nstatus = "lease"', 'control = "green"\nstatus = "lease"', "control",
     "unknown polity 'green'; expected one of blue, red"),
    ('status = "lease"', 'status = "leased"', "status", "unknown status 'leased'"),
    ('{ source = "src-a", locator = "art. 1" }]\n\n[[provision]]\nid = "split',
     '{ source = "src-z", locator = "art. 1" }]\n\n[[provision]]\nid = "split', "sources",
     "unknown source 'src-z'"),
])
def test_references(mini, old, new, field, expected):
    _edit(mini / "record" / "1-treaty.toml", old, new)
    [problem] = _problems(mini)
    assert f"field '{field}': {expected}" in problem, problem


def test_dates_outside_the_period(mini):
    _edit(mini / "record" / "1-treaty.toml", 'date = "1945-08"', 'date = "1946-08"')
    [problem] = _problems(mini)
    assert "'split-isle': field 'date': 1946-08 is outside the period" in problem


def test_in_force_before_signature(mini):
    _edit(mini / "record" / "1-treaty.toml", 'in_force = "1900-06-10"', 'in_force = "1900-05-10"')
    [problem] = _problems(mini)
    assert "field 'in_force': 1900-05-10 is before the signature (1900-06-01)" in problem


def test_contradiction_same_aspect_same_unit_same_day(mini):
    _edit(mini / "record" / "1-treaty.toml", 'date = "1945-08"\nunit = "isle-south"',
          'date = "1895-01-01"\nunit = "isle-south"')
    problems = _problems(mini)
    assert any("'split-isle': field 'control': contradicts provision 'base-isle': both set the "
               "control of 'isle-south' on 1895-01-01" in p for p in problems), problems


def test_coverage_every_unit_needs_a_state_from_the_first_day(mini):
    _edit(mini / "record" / "0-baseline.toml", 'unit = "west"\nsovereign = "red"\n',
          'unit = "west"\n')
    [problem] = _problems(mini)
    assert "feature 'west': field 'sovereign': no provision sets it on 1895-01-01" in problem


def _geometry(mini: Path, index: int, geometry: dict) -> None:
    path = mini / "units.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][index]["geometry"] = geometry
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_geometry_invalid(mini):
    bowtie = [[120, 40], [121, 41], [121, 40], [120, 41], [120, 40]]
    _geometry(mini, 0, {"type": "Polygon", "coordinates": [bowtie]})
    problems = _problems(mini)
    assert any("feature 'west': field 'geometry': is not valid (Self-intersection" in p
               for p in problems), problems


def test_geometry_swapped_coordinates(mini):
    swapped = [[40, 120], [40, 121], [41, 121], [41, 120], [40, 120]]
    _geometry(mini, 0, {"type": "Polygon", "coordinates": [swapped]})
    [problem] = _problems(mini)
    assert "feature 'west': field 'geometry': bounds" in problem
    assert "expected [longitude, latitude] order" in problem


def test_geometry_overlap(mini):
    shifted = [[120.5, 40], [121.5, 40], [121.5, 41], [120.5, 41], [120.5, 40]]
    _geometry(mini, 0, {"type": "Polygon", "coordinates": [shifted]})
    [problem] = _problems(mini)
    assert "feature 'west': field 'geometry': overlaps 'isle-south'" in problem


def test_every_problem_is_reported_at_once(mini):
    _edit(mini / "polities.csv", "#0072B2", "blue")
    _edit(mini / "record" / "1-treaty.toml", 'status = "lease"', 'status = "leased"')
    _edit(mini / "record" / "1-treaty.toml", 'in_force = "1900-06-10"', 'in_force = "1900-05-10"')
    assert len(_problems(mini)) == 3
