"""Static pictures on the synthetic record: size, title, legend, caption, determinism, CLI."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from PIL import Image

from treatymaps import UsageError
from treatymaps.pictures import WIDTH, animation, caption_lines, picture, write_key_pictures


def svg_texts(svg: str) -> list[str]:
    """The text of every <text> element (matplotlib writes one per line of a label)."""
    import html

    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_svg_has_the_date_written_out_and_a_legend_of_what_is_on_the_map(mini_record):
    texts = svg_texts(picture(mini_record, "1900-06-10").svg())
    assert "Northeast Asia on 10 June 1900" in texts
    assert {"Red Empire", "Blue Republic"} <= set(texts)
    assert {"leased territory", "integral territory"} <= set(texts)
    assert "military occupation" not in texts  # only the statuses on the map that day


def test_before_the_lease_the_legend_has_only_red(mini_record):
    texts = svg_texts(picture(mini_record, "1899-01-01").svg())
    assert "Red Empire" in texts and "Blue Republic" not in texts
    assert "leased territory" not in texts


def test_french_picture_names_the_period_and_the_month_in_french(mini_record):
    texts = svg_texts(picture(mini_record, "1945-08-01", lang="fr").svg())
    assert "L'Asie du Nord-Est le 1er août 1945" in texts
    assert {"Empire rouge", "République bleue", "occupation militaire"} <= set(texts)
    assert "Ouest bleu" in texts  # the unit's name of the time


def test_labels_name_the_holder_for_black_and_white_printing(mini_record):
    texts = svg_texts(picture(mini_record, "1930-01-01").svg())
    assert "Blue West" in texts and "Blue (sov. Red)" in texts
    texts = svg_texts(picture(mini_record, "1930-01-01", view="sovereignty").svg())
    assert "Red (held by Blue)" in texts


def test_caption_lists_instruments_articles_and_sources_with_locators(mini_record):
    lines = caption_lines(mini_record, __import__("datetime").date(1945, 8, 15))
    text = "\n".join(lines)
    assert "Treaty of Test (1 June 1900): Art. 1 — Blue West [1: art. 1]" in text
    assert "Art. 2 — Isle-South [1: art. 2]" in text
    assert "[1] Author, Book (1921)" in text
    svg_text = "\n".join(svg_texts(picture(mini_record, "1945-08-15").svg()))
    assert "Art. 2 — Isle-South [1: art. 2]" in svg_text


def test_png_size_follows_the_dpi(mini_record):
    png = picture(mini_record, "1905-09-05").png(dpi=100)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.width == round(WIDTH * 100)
        assert 700 < image.height < 1000
        assert "Software" not in image.info and "Creation Time" not in image.info


def test_renders_are_byte_identical(mini_record):
    first, second = picture(mini_record, "1945-08-15"), picture(mini_record, "1945-08-15")
    assert first.svg() == second.svg()
    assert first.png(dpi=60) == second.png(dpi=60)
    assert "<dc:date>" not in first.svg()


def test_bad_language_or_view_says_what_is_valid(mini_record):
    with pytest.raises(UsageError, match="expected one of en, fr"):
        picture(mini_record, "1905-09-05", lang="de")
    with pytest.raises(UsageError, match="expected one of control, sovereignty"):
        picture(mini_record, "1905-09-05", view="both")


def test_key_pictures_and_a_deterministic_gif(mini_record, tmp_path):
    days = ["1895-01-01", "1900-06-10", "1945-08-15"]
    written = write_key_pictures(mini_record, tmp_path / "a", days, dpi=50)
    assert [p.name for p in written] == ["picture-1895-01-01-en.png", "picture-1900-06-10-en.png",
                                         "picture-1945-08-15-en.png", "key-dates-en.gif"]
    with Image.open(written[-1]) as gif:
        assert gif.format == "GIF" and gif.n_frames == 3 and gif.info["loop"] == 0
    again = write_key_pictures(mini_record, tmp_path / "b", days, dpi=50)
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in again]
    with pytest.raises(UsageError):
        animation([], dpi=50)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "treatymaps", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_png_and_svg(mini, tmp_path):
    out = tmp_path / "day.png"
    result = run("png", "1900-06-10", "-o", str(out), "--dpi", "60", "--data", str(mini))
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.width == round(WIDTH * 60)
    out = tmp_path / "jour.svg"
    result = run("svg", "1900-06-10", "-o", str(out), "--lang", "fr", "--view", "sovereignty",
                 "--data", str(mini))
    assert result.returncode == 0, result.stderr
    assert "L'Asie du Nord-Est le 10 juin 1900" in svg_texts(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [("png", "1905-02-30"), ("svg", "1946-01-01"),
                                  ("png", "1905-09-05", "--lang", "de"),
                                  ("png", "1905-09-05", "--dpi", "lots"),
                                  ("png", "1905-09-05", "-o", "map.gif")])
def test_cli_bad_arguments_exit_2_with_one_line(mini, tmp_path, args):
    result = run(*args, "--data", str(mini))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
