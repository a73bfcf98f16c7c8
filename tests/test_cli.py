"""The command line end to end, in a subprocess, exit statuses included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "treatymaps", *args], capture_output=True,
                          text=True, timeout=300)


def test_validate_ok(mini):
    result = run("validate", str(mini))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 3 units")


def test_validate_reports_each_problem_on_its_own_line_and_exits_2(mini):
    (mini / "polities.csv").write_text((mini / "polities.csv").read_text().replace("#0072B2",
                                                                                   "blue"))
    text = (mini / "record" / "1-treaty.toml").read_text()
    (mini / "record" / "1-treaty.toml").write_text(text.replace('status = "lease"',
                                                                'status = "leased"'))
    result = run("validate", str(mini))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and lines[-1] == "treatymaps: 2 problem(s) in the data"
    assert "Traceback" not in result.stderr


def test_validate_missing_folder(tmp_path):
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "is not a folder of treatymaps data" in result.stderr
    assert "Traceback" not in result.stderr


def test_at_json(mini):
    result = run("at", "1900-06-10", "--json", "--data", str(mini))
    assert result.returncode == 0, result.stderr
    rows = {row["unit"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"west", "isle-north", "isle-south"}
    west = rows["west"]
    assert {"unit", "date", "sovereign", "control", "status", "since", "provisions"} <= set(west)
    assert (west["sovereign"], west["control"], west["status"]) == ("red", "blue", "lease")
    assert [p["id"] for p in west["provisions"]] == ["base-west", "lease-west"]
    assert west["provisions"][1]["article"] == "Art. 1"


def test_at_group_answers_for_each_part_in_french(mini):
    result = run("at", "1945-08-15", "--unit", "isle", "--lang", "fr", "--data", str(mini))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("isle-south (Isle-South): souverain Rouge, contrôle Bleu")
    assert "depuis 1945-08" in lines[1]


def test_history(mini):
    result = run("history", "west", "--data", str(mini))
    assert result.returncode == 0, result.stderr
    assert "Treaty of Test, Art. 1" in result.stdout and "1900-06-10" in result.stdout


@pytest.mark.parametrize("args, message", [
    (("at", "1905-13-01"), "'1905-13-01' is not a date"),
    (("at", "1894-12-31"), "1894-12-31 is outside the period"),
    (("at", "1900-01-01", "--unit", "atlantis"), "unknown unit 'atlantis': expected one of isle"),
    (("history", "atlantis"), "unknown unit 'atlantis'"),
    (("at", "1900-01-01", "--lang", "de"), "argument --lang: invalid choice: 'de'"),
    (("frobnicate",), "invalid choice: 'frobnicate'"),
])
def test_bad_arguments_get_one_line_and_exit_2(mini, args, message):
    result = run(*args, "--data", str(mini)) if args[0] in ("at", "history") else run(*args)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_bad_data_in_at_exits_2_without_traceback(tmp_path: Path):
    result = run("at", "1900-01-01", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "file is missing" in result.stderr


def test_history_of_a_group_writes_a_shared_change_once(mini):
    result = run("history", "isle", "--data", str(mini))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line[:4].isdigit()]
    assert [line.split()[1] for line in lines] == ["isle", "isle-south"]
