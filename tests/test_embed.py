"""The iframe snippet: parsed back with html.parser and checked attribute by attribute."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest

from treatymaps import UsageError
from treatymaps.embed import iframe_snippet


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(snippet: str) -> dict[str, str | None]:
    parser = _Tags()
    parser.feed(snippet)
    assert [tag for tag, _ in parser.tags] == ["iframe"]
    return parser.tags[0][1]


def test_a_day_points_at_the_timeline_with_the_day_in_the_hash():
    attrs = parse(iframe_snippet("1905-09-05"))
    assert attrs["src"] == "maps/timeline.html#1905-09-05"
    assert attrs["width"] == "100%" and "width:100%" in attrs["style"]
    assert attrs["height"] == "600"
    assert "5 September 1905" in attrs["title"]
    assert attrs["loading"] == "lazy" and "allowfullscreen" in attrs


def test_french_title_base_address_height_and_escaping():
    attrs = parse(iframe_snippet("1945-08-09", lang="fr", height=480,
                                 base="https://école.example/cartes"))
    assert attrs["src"] == "https://école.example/cartes/timeline-fr.html#1945-08-09"
    assert "9 août 1945" in attrs["title"] and attrs["lang"] == "fr"
    assert attrs["height"] == "480" and "height:480px" in attrs["style"]
    attrs = parse(iframe_snippet("1905-09-05", title='Portsmouth "before & after"'))
    assert attrs["title"] == 'Portsmouth "before & after"'


def test_the_french_timeline_and_the_sovereignty_view():
    attrs = parse(iframe_snippet("1910-08-29", lang="fr", view="sovereignty"))
    assert attrs["src"] == "maps/timeline-fr.html#1910-08-29/sovereignty"


def test_timeline_names_agree_with_the_build():
    build = pytest.importorskip("treatymaps.build")
    from treatymaps.embed import TIMELINES

    assert TIMELINES == {lang: build.timeline_name(lang) for lang in TIMELINES}


def test_a_map_file_keeps_its_path_and_its_page_title(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "timeline.html").write_text(
        "<html><head><title>Who held what, 1895–1945</title></head><body></body></html>",
        encoding="utf-8")
    attrs = parse(iframe_snippet("maps/timeline.html#1910-08-29"))
    assert attrs["src"] == "maps/timeline.html#1910-08-29"
    assert attrs["title"].startswith("Who held what, 1895–1945")
    assert parse(iframe_snippet("maps/timeline.html"))["src"] == "maps/timeline.html"
    assert parse(iframe_snippet("maps/timeline.html#1910-08-29/sovereignty"))["src"] == \
        "maps/timeline.html#1910-08-29/sovereignty"


@pytest.mark.parametrize("target", ["1905-02-30", "1946-01-01", "notes.txt", "missing.html",
                                    "maps/timeline.html#tomorrow",
                                    "maps/timeline.html#1905-09-05/both"])
def test_bad_targets(target, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "timeline.html").write_text("<title>t</title>", encoding="utf-8")
    with pytest.raises(UsageError):
        iframe_snippet(target)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "treatymaps", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_prints_one_iframe():
    result = run("embed", "1905-09-05", "--lang", "fr", "--height", "500")
    assert result.returncode == 0, result.stderr
    attrs = parse(result.stdout.strip())
    assert attrs["src"].endswith("timeline-fr.html#1905-09-05") and attrs["height"] == "500"


@pytest.mark.parametrize("args", [("1905-13-01",), ("nowhere.html",), ("1905-09-05", "--height",
                                                                        "tall")])
def test_cli_bad_target_exits_2_with_one_line(args):
    result = run("embed", *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_inline_map_is_a_self_contained_srcdoc_iframe(mini_record):
    import treatymaps as tm

    attrs = parse(tm.inline_map(mini_record, "1900-06-10", lang="fr", height=400)._repr_html_())
    assert attrs["srcdoc"].startswith("<!DOCTYPE html>") and 'lang="fr"' in attrs["srcdoc"]
    assert "10 juin 1900" in attrs["title"] and attrs["height"] == "400"
    assert "src" not in attrs  # nothing to fetch
