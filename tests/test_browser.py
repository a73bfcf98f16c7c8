"""The maps in a real browser: headless Chromium (Debian's) driven by Python playwright.

One browser and one build of the shipped record's timeline per module. Every request other
than the page itself is aborted and recorded; the tests assert there were none.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from treatymaps import load_record, state_on
from treatymaps.build import timeline_name
from treatymaps.maps import write_map
from treatymaps.timeline import write_timeline

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
EVIL = "<script>window.pwned=1</script>"

# a point inside a unit's drawn path (scans its box with elementFromPoint)
HIT = """(unit) => {
  const p = document.querySelector(`path[data-unit="${unit}"]`);
  const r = p.getBoundingClientRect();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  for (let d = 0; d <= Math.max(r.width, r.height) / 2; d += 2)
    for (const [sx, sy] of [[0, 1], [0, -1], [1, 0], [-1, 0], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
      const x = cx + sx * d, y = cy + sy * d;
      if (document.elementFromPoint(x, y) === p) return [x, y];
    }
  return null;
}"""


def _chromium_or_skip() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing (bash tools/install-chromium.sh installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def record():
    return load_record()


@pytest.fixture(scope="module")
def site(tmp_path_factory, record) -> Path:
    folder = tmp_path_factory.mktemp("site")
    for lang in ("en", "fr"):
        other = "fr" if lang == "en" else "en"
        write_timeline(record, folder / timeline_name(lang), lang=lang,
                       other_lang_href=timeline_name(other))
    write_map(record, "1905-09-05", folder / "map.html")
    (folder / "parent.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lesson</title></head>'
        '<body><h1>A lesson</h1><iframe id="frame" src="timeline.html#1905-09-05" '
        'title="Timeline" style="width:1000px;height:700px;border:0"></iframe></body></html>',
        encoding="utf-8")
    return folder


class Page:
    """A page with its console errors, page errors and every request it tried."""

    def __init__(self, browser, allowed: set[str], width: int = 1280, height: int = 800):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.allowed = allowed
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._seen)
        self.context.route("**/*", self._route)

    def _seen(self, request) -> None:
        if request.url.split("#")[0] not in self.allowed:
            self.requests.append(request.url)

    def _route(self, route) -> None:
        if route.request.url.split("#")[0] in self.allowed:
            route.continue_()
        else:
            route.abort()

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready]", state="attached")
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], self.errors
        assert self.requests == [], self.requests


@pytest.fixture
def page(browser, site):
    opened = Page(browser, {(site / n).as_uri() for n in ("timeline.html", "timeline-fr.html",
                                                          "map.html", "parent.html")})
    yield opened
    opened.close()


def slide_to(page, iso: str) -> None:
    """Move the slider the way a hand does: set its value and fire ``input``."""
    page.evaluate("""(iso) => {
      const s = document.querySelector('.tm-slider');
      const day = Math.round((Date.parse(iso + 'T00:00:00Z') - Date.parse('1895-01-01T00:00:00Z')) / 864e5);
      s.value = String(day);
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }""", iso)


def fill_of(page, unit: str) -> str:
    return page.get_attribute(f'path[data-unit="{unit}"]', "data-fill")


def colour(record, polity: str) -> str:
    return record.polities[polity].color


def test_loads_offline_and_draws_every_unit(page, site, record):
    p = page.open((site / "timeline.html").as_uri())
    assert p.locator("path[data-unit]").count() == len(record.units)
    assert p.evaluate("window.treatymaps.day()") == "1895-01-01"
    assert p.locator(".tm-date").inner_text() == "1 January 1895"
    assert p.locator(".tm-changes li").count() >= len({d.date.day for d in record.provisions})


def test_slider_to_portsmouth_colours_southern_sakhalin_japanese(page, site, record):
    p = page.open((site / "timeline.html").as_uri())
    slide_to(p, "1905-09-05")
    assert p.locator(".tm-date").inner_text() == "5 September 1905"
    assert fill_of(p, "sakhalin-south") == colour(record, "japan")
    p.wait_for_function("location.hash === '#1905-09-05'")
    ARTIFACTS.mkdir(exist_ok=True)
    xy = p.evaluate(HIT, "sakhalin-south")
    p.mouse.click(*xy)
    popup = p.locator(".leaflet-popup-content")
    popup.wait_for()
    expected = state_on(record, "1905-09-05", unit="sakhalin-south").iloc[0]
    for provision_id in expected["provisions"]:
        provision = next(x for x in record.provisions if x.id == provision_id)
        assert record.instruments[provision.instrument].title_en in popup.inner_text()
        if provision.article:
            assert provision.article in popup.inner_text()
    p.wait_for_timeout(600)  # let the popup's fade and the map's pan finish before the picture
    p.screenshot(path=str(ARTIFACTS / "timeline-1905-09-05-sakhalin.png"))


def test_slider_to_annexation_colours_both_parts_of_korea_japanese(page, site, record):
    p = page.open((site / "timeline.html").as_uri())
    slide_to(p, "1910-08-29")
    for part in record.groups["korea"]:
        assert fill_of(p, part) == colour(record, "japan"), part
    state = p.evaluate("window.treatymaps.state()")
    assert {state["units"][u]["control"] for u in record.groups["korea"]} == {"japan"}


def test_deep_link_and_keys(page, site):
    p = page.open((site / "timeline.html").as_uri() + "#1905-09-05")
    assert p.evaluate("window.treatymaps.day()") == "1905-09-05"
    p.locator("body").click(position={"x": 5, "y": 5})
    p.keyboard.press("ArrowRight")
    assert p.evaluate("window.treatymaps.day()") == "1905-09-06"
    p.keyboard.press("ArrowLeft")
    p.keyboard.press("PageDown")
    after = p.evaluate("window.treatymaps.day()")
    assert after > "1905-09-05"
    p.keyboard.press("Shift+ArrowLeft")
    assert p.evaluate("window.treatymaps.day()") == "1905-09-05"
    p.keyboard.press("End")
    assert p.evaluate("window.treatymaps.day()") == "1945-12-31"
    p.keyboard.press("Home")
    assert p.evaluate("window.treatymaps.day()") == "1895-01-01"
    p.keyboard.press(" ")
    p.wait_for_function("window.treatymaps.day() > '1895-03-01'")
    p.keyboard.press(" ")
    stopped = p.evaluate("window.treatymaps.day()")
    p.wait_for_timeout(300)
    assert p.evaluate("window.treatymaps.day()") == stopped
    p.evaluate("location.hash = '#1931-09-18'")
    p.wait_for_function("window.treatymaps.day() === '1931-09-18'")


def test_view_switch_kwantung_1900(page, site, record):
    p = page.open((site / "timeline.html").as_uri() + "#1900-06-01")
    assert fill_of(p, "kwantung") == colour(record, "russia")
    p.get_by_role("button", name="Sovereignty (de jure)").click()
    assert fill_of(p, "kwantung") == colour(record, "qing")
    p.wait_for_function("location.hash === '#1900-06-01/sovereignty'")
    assert p.locator(".tm-legend").inner_text().count("Qing") >= 1


def test_french_page(page, site, record):
    p = page.open((site / "timeline-fr.html").as_uri() + "#1905-09-05")
    assert p.locator(".tm-date").inner_text() == "5 septembre 1905"
    assert p.get_attribute("html", "lang") == "fr"
    assert p.get_by_role("button", name="Souveraineté (de jure)").is_visible()


def test_day_map(page, site, record):
    p = page.open((site / "map.html").as_uri())
    assert p.locator("path[data-unit]").count() == len(record.units)
    assert fill_of(p, "sakhalin-south") == colour(record, "japan")
    assert p.locator(".tm-slider").count() == 0
    assert p.locator(".tm-open-timeline").get_attribute("href") == "timeline.html#1905-09-05"


def test_phone_width(browser, site):
    opened = Page(browser, {(site / "timeline.html").as_uri()}, width=375, height=740)
    p = opened.open((site / "timeline.html").as_uri() + "#1905-09-05")
    assert p.evaluate("document.documentElement.scrollWidth") <= 375
    assert p.evaluate("document.querySelector('.tm-legend').open") is False
    box = p.locator(".folium-map").bounding_box()
    assert box["height"] > 250 and box["width"] <= 375
    p.locator(".tm-legend summary").click()
    assert p.evaluate("document.querySelector('.tm-legend').open") is True
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "timeline-phone.png"))
    opened.close()


def test_inside_an_iframe(browser, site, record):
    allowed = {(site / n).as_uri() for n in ("parent.html", "timeline.html")}
    opened = Page(browser, allowed)
    p = opened.page
    p.goto((site / "parent.html").as_uri())
    frame = p.frame_locator("#frame")
    frame.locator("html[data-ready]").wait_for(state="attached")
    inner = p.frames[1]
    assert inner.evaluate("window.treatymaps.day()") == "1905-09-05"
    inner.evaluate("""() => {
      const s = document.querySelector('.tm-slider');
      s.value = String(Math.round((Date.parse('1910-08-29T00:00:00Z') - Date.parse('1895-01-01T00:00:00Z')) / 864e5));
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }""")
    inner.wait_for_function("location.hash === '#1910-08-29'")
    assert inner.get_attribute('path[data-unit="korea-south"]', "data-fill") == \
        colour(record, "japan")
    assert p.url.endswith("parent.html")  # the parent page did not move
    opened.close()


def test_text_from_the_data_is_not_run(browser, tmp_path, mini):
    treaty = mini / "record" / "1-treaty.toml"
    text = treaty.read_text(encoding="utf-8")
    text = text.replace('name_en = "Blue West"', f'name_en = "{EVIL}"')
    text = text.replace('quote = "leases the west"', f'quote = "{EVIL}"')
    treaty.write_text(text, encoding="utf-8")
    target = tmp_path / "evil.html"
    write_timeline(load_record(mini), target)
    opened = Page(browser, {target.as_uri()})
    p = opened.open(target.as_uri() + "#1900-06-10")
    labels = " ".join(p.locator(".tm-label-text").all_text_contents())
    assert EVIL in labels
    xy = p.evaluate(HIT, "west")
    p.mouse.click(*xy)
    p.locator(".leaflet-popup-content").wait_for()
    assert EVIL in p.locator(".leaflet-popup-content").inner_text()
    assert p.evaluate("window.pwned") is None
    opened.close()


def test_play_button_then_space_and_language_link(page, site):
    p = page.open((site / "timeline.html").as_uri() + "#1905-09-05")
    assert p.locator(".tm-lang").get_attribute("href") == "timeline-fr.html#1905-09-05"
    p.locator(".tm-play").click()
    p.wait_for_function("window.treatymaps.day() > '1905-10-01'")
    p.keyboard.press(" ")  # the focused play button must not also toggle it back on
    stopped = p.evaluate("window.treatymaps.day()")
    p.wait_for_timeout(300)
    assert p.evaluate("window.treatymaps.day()") == stopped
    assert p.locator(".tm-play").get_attribute("aria-pressed") == "false"
    assert p.locator(".tm-lang").get_attribute("href") == f"timeline-fr.html#{stopped}"
