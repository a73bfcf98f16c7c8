"""The shipped record as a whole: it validates and answers for every required id."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from treatymaps import load_record, state_on

REQUIRED_UNITS = ("sakhalin-north", "sakhalin-south", "korea", "kwantung", "liaodong",
                  "manchuria-south", "manchuria-north", "jehol", "mengjiang", "taiwan", "kurils",
                  "outer-mongolia")
REQUIRED_POLITIES = ("qing", "china", "japan", "russia", "soviet", "korea", "manchukuo",
                     "mengjiang", "mongolia", "usa")


@pytest.fixture(scope="module")
def record():
    return load_record()


def test_validate_passes_on_the_shipped_data():
    result = subprocess.run([sys.executable, "-m", "treatymaps", "validate"], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_every_required_id_exists(record):
    for unit in REQUIRED_UNITS:
        assert unit in record.units.index or unit in record.groups, unit
    assert set(REQUIRED_POLITIES) <= set(record.polities)


def test_at_json_answers_for_every_required_unit():
    result = subprocess.run([sys.executable, "-m", "treatymaps", "at", "1905-09-05", "--json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    answered = {row["unit"] for row in rows} | {row["group"] for row in rows if row["group"]}
    assert set(REQUIRED_UNITS) <= answered
    for row in rows:
        assert row["sovereign"] and row["control"] and row["status"] and row["provisions"], row


def test_korea_answers_for_each_part(record):
    parts = state_on(record, "1945-09-09", unit="korea")
    assert list(parts.index) == ["korea-north", "korea-south"]
