"""Shared fixtures: a tiny synthetic record (three squares, a handful of provisions)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _square(x: float, y: float, size: float = 1.0) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _unit(ident: str, geometry: dict, group: str | None = None) -> dict:
    props = {"id": ident, "role": "territory", "name_en": ident.title(), "name_fr": ident.title(),
             "provenance": {"base": "test squares", "edges": [
                 {"line": "grid", "precision": "treaty-line", "source": "src-a",
                  "locator": "p. 1", "note_en": "grid", "note_fr": "grille"}]}}
    if group:
        props["group"] = group
    return {"type": "Feature", "properties": props, "geometry": geometry}


MINI_RECORD = {
    "0-baseline.toml": '''
[instrument]
id = "base"
kind = "baseline"
title_en = "Baseline"
title_fr = "Situation initiale"
signed = "1895-01-01"
parties = ["red"]
summary_en = "Who held what on the first day."
summary_fr = "Qui tenait quoi le premier jour."
sources = [{ source = "src-a", locator = "ch. 1" }]

[[provision]]
id = "base-west"
date = "1895-01-01"
unit = "west"
sovereign = "red"
control = "red"
status = "integral"
summary_en = "West is red."
summary_fr = "L'ouest est rouge."
sources = [{ source = "src-a", locator = "p. 2" }]

[[provision]]
id = "base-isle"
date = "1895-01-01"
unit = "isle"
sovereign = "red"
control = "red"
status = "integral"
summary_en = "The isle is red."
summary_fr = "L'île est rouge."
sources = [{ source = "src-a", locator = "p. 3" }]
''',
    "1-treaty.toml": '''
[instrument]
id = "treaty"
kind = "treaty"
title_en = "Treaty of Test"
title_fr = "Traité de Test"
signed = "1900-06-01"
in_force = "1900-06-10"
parties = ["red", "blue"]
summary_en = "Red leases west to blue."
summary_fr = "Le rouge cède l'ouest à bail au bleu."
sources = [{ source = "src-a", locator = "art. 1" }]

[[provision]]
id = "lease-west"
date = "1900-06-10"
unit = "west"
article = "Art. 1"
control = "blue"
status = "lease"
name_en = "Blue West"
name_fr = "Ouest bleu"
quote = "leases the west"
summary_en = "Blue holds west on lease."
summary_fr = "Le bleu tient l'ouest à bail."
sources = [{ source = "src-a", locator = "art. 1" }]

[[provision]]
id = "split-isle"
date = "1945-08"
unit = "isle-south"
article = "Art. 2"
control = "blue"
status = "occupation"
summary_en = "Blue occupies the south of the isle."
summary_fr = "Le bleu occupe le sud de l'île."
sources = [{ source = "src-a", locator = "art. 2" }]
''',
}


def write_mini(folder: Path) -> Path:
    """Write the synthetic record into ``folder`` and return it."""
    (folder / "record").mkdir(parents=True)
    (folder / "sources").mkdir()
    features = [_unit("west", _square(120, 40)), _unit("isle-north", _square(121, 41), "isle"),
                _unit("isle-south", _square(121, 40), "isle")]
    (folder / "units.geojson").write_text(json.dumps({"type": "FeatureCollection",
                                                      "features": features}), encoding="utf-8")
    (folder / "polities.csv").write_text(
        "id,name_en,name_fr,short_en,short_fr,color\n"
        "red,Red Empire,Empire rouge,Red,Rouge,#D55E00\n"
        "blue,Blue Republic,République bleue,Blue,Bleu,#0072B2\n", encoding="utf-8")
    (folder / "statuses.csv").write_text(
        "id,name_en,name_fr,description_en,description_fr,pattern\n"
        "integral,integral territory,territoire intégré,part of the state,partie de l'État,none\n"
        "lease,leased territory,territoire à bail,held on lease,tenu à bail,hatch\n"
        "occupation,military occupation,occupation militaire,held by an army,tenu par une armée,"
        "dots\n", encoding="utf-8")
    (folder / "sources" / "test.csv").write_text(
        "id,citation,url,note\nsrc-a,\"Author, Book (1921)\",,\n", encoding="utf-8")
    for name, text in MINI_RECORD.items():
        (folder / "record" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini(tmp_path / "mini")


@pytest.fixture
def mini_record(mini: Path):
    from treatymaps import load_record

    return load_record(mini)


@pytest.fixture(scope="session")
def shipped_data() -> Path:
    return REPO / "geodata"


@pytest.fixture
def copy_of_shipped(tmp_path: Path, shipped_data: Path) -> Path:
    target = tmp_path / "geodata"
    shutil.copytree(shipped_data, target)
    return target
