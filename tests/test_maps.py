"""Interactive maps, Python side: offline, byte-stable, escaped, atomic; the commands' errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from treatymaps import load_record
from treatymaps._inline import render_page
from treatymaps.build import KEY_DATES, Build, build, map_name, write_key_date_maps, write_timelines
from treatymaps.maps import day_map, payload, write_map
from treatymaps.timeline import timeline_html, write_timeline

EVIL = "<script>window.pwned=1</script>"
MAP_WRITERS = [write_timelines, write_key_date_maps]  # this module's; pictures test their own


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "treatymaps", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def outside_scripts(html: str) -> str:
    """The page without the contents of its <script> and <style> elements."""
    return re.sub(r"(<(script|style)\b[^>]*>).*?(</\2>)", r"\1\3", html, flags=re.S)


def data_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="tm-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_timeline_is_byte_identical_from_two_loads(mini):
    first = timeline_html(load_record(mini), lang="en")
    second = timeline_html(load_record(mini), lang="en")
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first), "a random branca id is left"


def test_day_map_is_byte_identical_and_dated(mini_record):
    one = render_page(day_map(mini_record, "1900-06-10", lang="fr"))
    two = render_page(day_map(mini_record, "1900-06-10", lang="fr"))
    assert one == two
    assert '<html lang="fr">' in one
    assert "<title>L&#39;Asie du Nord-Est le 10 juin 1900</title>" in one


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_nothing_is_loaded_from_the_network(mini_record, lang):
    html = timeline_html(mini_record, lang=lang)
    tags = outside_scripts(html)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", tags, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "cdn" not in tags.lower() and "jquery" not in html.lower()
    assert "sourceMappingURL" not in html
    assert not re.search(r"""href\s*=\s*["']?(?:https?:)?//""", html, re.I)  # nor a link out
    assert "L.map(" in html and "treatymapsStart(" in html  # Leaflet and ours, inlined


def test_data_carries_steps_not_days(mini_record):
    data = payload(mini_record, lang="en")
    west = next(u for u in data["units"] if u["id"] == "west")
    assert [s[0] for s in west["steps"]] == [0, (1900 - 1895) * 365 + 1 + 160]  # 1900-06-10
    assert west["steps"][1][2:6] == ["red", "blue", "lease", "Blue West"]
    assert west["steps"][1][6] == ["base-west", "lease-west"]  # sovereign, control
    isle_south = next(u for u in data["units"] if u["id"] == "isle-south")
    assert isle_south["steps"][-1][1] == "August 1945"  # the record's precision
    assert data["days"] == 18627


def test_data_text_is_escaped(mini, tmp_path):
    treaty = mini / "record" / "1-treaty.toml"
    text = treaty.read_text(encoding="utf-8")
    text = text.replace('name_en = "Blue West"', f'name_en = "{EVIL}"')
    text = text.replace('quote = "leases the west"', f'quote = "{EVIL} & more"')
    text = text.replace('title_en = "Treaty of Test"', f'title_en = "Treaty {EVIL}"')
    treaty.write_text(text, encoding="utf-8")
    record = load_record(mini)
    html = timeline_html(record, lang="en")
    assert EVIL not in html and "window.pwned" in html
    assert data_of(html)["provisions"]["lease-west"]["quote"] == f"{EVIL} & more"
    build(record, tmp_path / "maps", writers=MAP_WRITERS)
    index = (tmp_path / "maps" / "index.html").read_text(encoding="utf-8")
    assert EVIL not in index and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in index


def test_write_keeps_the_old_file_when_the_write_fails(mini_record, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "timeline.html"
    target.write_text("old", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("treatymaps._atomic.os.replace", broken)
    with pytest.raises(OSError):
        write_timeline(mini_record, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.iterdir()] == ["timeline.html"]  # no temporary left


def test_a_failed_render_keeps_the_old_map(mini_record, tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr("treatymaps.maps._payload_json",
                        lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        write_map(mini_record, "1900-06-10", target)
    assert target.read_text(encoding="utf-8") == "old"


def test_a_failed_build_writes_nothing(mini_record, tmp_path):
    out = tmp_path / "maps"
    build(mini_record, out, writers=MAP_WRITERS)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def failing(state: Build) -> None:
        state.add("extra.html", "<p>x</p>", kind="other")
        raise RuntimeError("a writer failed")

    with pytest.raises(RuntimeError):
        build(mini_record, out, writers=[*MAP_WRITERS, failing])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_layout_and_index(mini_record, tmp_path):
    out = tmp_path / "maps"

    def pictures(state: Build) -> None:  # how the pictures step plugs in
        state.add("pictures/1905-09-05-en.png", b"\x89PNG", kind="picture", lang="en",
                  title="5 September 1905")

    build(mini_record, out, writers=[*MAP_WRITERS, pictures])
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    expected = {"index.html", "timeline.html", "timeline-fr.html",
                "pictures/1905-09-05-en.png"}
    expected |= {map_name(day, lang) for day in KEY_DATES for lang in ("en", "fr")}
    assert names == expected
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="timeline.html"' in index and 'href="timeline-fr.html"' in index
    assert 'href="map-1905-09-05-fr.html"' in index and 'href="pictures/1905-09-05-en.png"' in index
    assert "Treaty of Test (Art. 1): Blue holds west on lease." not in index  # not a key date
    assert "No change on this day; the last change before it: 10 June 1900, Treaty of Test." \
        in index
    again = tmp_path / "again"
    build(mini_record, again, writers=[*MAP_WRITERS, pictures])
    assert all((again / n).read_bytes() == (out / n).read_bytes() for n in names)


def test_cli_writes_a_map_and_a_timeline(mini, tmp_path):
    result = run("map", "1900-06-10", "--lang", "fr", "--view", "sovereignty", "--data",
                 str(mini), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "map-1900-06-10-fr.html").is_file()
    result = run("timeline", "-o", str(tmp_path / "t.html"), "--data", str(mini))
    assert result.returncode == 0, result.stderr
    assert data_of((tmp_path / "t.html").read_text(encoding="utf-8"))["lang"] == "en"


@pytest.mark.parametrize("args", [
    ["map", "1905-13-01"], ["map", "1894-12-31"], ["map", "1905-09-05", "--lang", "de"],
    ["map", "1905-09-05", "--view", "both"], ["timeline", "--lang", "ru"],
    ["timeline", "--view", "x"],
])
def test_cli_bad_arguments_exit_2(mini, tmp_path, args):
    work = tmp_path / "work"
    work.mkdir()
    result = run(*args, "--data", str(mini), cwd=work)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert list(work.iterdir()) == []


def test_cli_unwritable_output_exits_2(mini, tmp_path):
    (tmp_path / "file").write_text("x")
    result = run("timeline", "-o", str(tmp_path / "file" / "t.html"), "--data", str(mini))
    assert result.returncode == 2 and "Traceback" not in result.stderr
