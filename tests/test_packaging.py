"""The wheel ships the data: a `pip install` user gets geodata/ inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(REPO)], check=True, capture_output=True, timeout=600)
    [built] = out.glob("treatymaps-*.whl")
    return built


def test_the_wheel_holds_every_data_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"treatymaps/geodata/{p.relative_to(REPO / 'geodata').as_posix()}"
               for p in (REPO / "geodata").rglob("*") if p.is_file()}
    assert "treatymaps/geodata/units.geojson" in shipped
    assert shipped <= names, sorted(shipped - names)[:5]


def test_the_wheel_holds_the_code_and_the_entry_point(wheel: Path):
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    assert {"treatymaps/engine.py", "treatymaps/cli.py", "treatymaps/py.typed"} <= names
    [entry_points] = [n for n in names if n.endswith("entry_points.txt")]
    assert "treatymaps = treatymaps.cli:main" in archive.read(entry_points).decode()


def test_an_installed_package_reads_its_own_copy(tmp_path: Path, wheel: Path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = ("import treatymaps, sys; d = treatymaps.default_data_dir(); "
            "print(d); sys.exit(0 if (d / 'units.geojson').is_file() else 1)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "site")}, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "site" / "treatymaps" / "geodata") in result.stdout
