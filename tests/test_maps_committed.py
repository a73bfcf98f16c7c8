"""The committed maps/ is exactly what `treatymaps build` writes from the committed data."""

from __future__ import annotations

from pathlib import Path

from treatymaps import build_maps, load_record

REPO = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_committed_maps_equal_a_fresh_build(tmp_path):
    build_maps(load_record(), tmp_path / "maps")
    fresh, committed = _files(tmp_path / "maps"), _files(REPO / "maps")
    assert sorted(committed) == sorted(fresh), (
        "maps/ differs from a fresh build in its files; run `treatymaps build` and commit maps/")
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"stale in maps/ (run `treatymaps build`): {stale}"
