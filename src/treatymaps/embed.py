"""Snippets that put a generated map into a course page or a learning platform.

A teacher pastes one ``<iframe>`` into Moodle, Canvas or a school web page. The snippet points
at a generated map file, with the day in the address (``timeline.html#1905-09-05``) so the
timeline opens on that day; it fills the width of the page, has a fixed height, an accessible
title, and loads only when scrolled to.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ._choices import VIEWS, check_lang, check_view
from ._errors import UsageError
from .dates import as_day, format_day, parse_day
from .model import Record

TIMELINES = {"en": "timeline.html", "fr": "timeline-fr.html"}
"""The timeline pages of ``treatymaps build`` (``build.timeline_name``; a test keeps them equal)."""
DEFAULT_BASE = "maps/"
DEFAULT_HEIGHT = 600
MIN_HEIGHT, MAX_HEIGHT = 240, 2000

_TITLES = {
    "en": {"day": "Map of Northeast Asia on {date}: who held each territory, and by which "
                  "treaty (treatymaps)",
           "file": "{title} (treatymaps)"},
    "fr": {"day": "Carte de l'Asie du Nord-Est le {date} : qui tenait chaque territoire, et en "
                  "vertu de quel traité (treatymaps)",
           "file": "{title} (treatymaps)"},
}
_LOOKS_LIKE_A_DATE = re.compile(r"^\d{1,4}-\d{1,2}-\d{1,2}$")


class _TitleReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside, self.title = False, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = self.inside or (tag == "title" and not self.title)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.title += data


def _page_title(path: Path) -> str:
    reader = _TitleReader()
    with path.open(encoding="utf-8", errors="replace") as stream:
        reader.feed(stream.read(64_000))  # the <title> is in the head
    return " ".join(reader.title.split())


def _split(target: str) -> tuple[str, dt.date | None, str | None]:
    """``file#YYYY-MM-DD[/view]`` into the file, the day and the view, each checked."""
    page, _, fragment = target.partition("#")
    day_text, _, view = fragment.partition("/")
    if view and view not in VIEWS:
        raise UsageError(f"unknown view '{view}' in '{target}': expected one of "
                         f"{', '.join(VIEWS)}")
    return page, (parse_day(day_text) if day_text else None), view or None


def iframe_snippet(target: str, *, title: str | None = None, lang: str = "en",
                   height: int = DEFAULT_HEIGHT, base: str | None = None,
                   view: str = "control") -> str:
    """An ``<iframe>`` that shows a map in a web page or a learning platform.

    ``target`` is a day (``1905-09-05``: the timeline in ``lang`` opened on that day), or a
    generated map file (``maps/timeline.html``, optionally with ``#1905-09-05``), which must
    exist. ``base`` is the address of the folder holding the maps once uploaded (default
    ``maps/`` for a day, the file's own path otherwise); ``title`` replaces the accessible
    title; ``view="sovereignty"`` opens the timeline on who held title rather than control.
    """
    check_view(view)
    check_lang(lang)
    if not MIN_HEIGHT <= height <= MAX_HEIGHT:
        raise UsageError(f"height {height} is not sensible: give pixels between {MIN_HEIGHT} "
                         f"and {MAX_HEIGHT}")
    if _LOOKS_LIKE_A_DATE.match(target):
        day: dt.date | None = parse_day(target)
        folder = DEFAULT_BASE if base is None else base
        src = _join(folder, TIMELINES[lang])
        default_title = _TITLES[lang]["day"].format(date=format_day(day, lang))
    else:
        page, day, named_view = _split(target)
        view = named_view if named_view and view == "control" else view
        path = Path(page)
        if path.suffix.lower() not in (".html", ".htm"):
            raise UsageError(f"'{target}' is neither a day (YYYY-MM-DD) nor a map file "
                             "(.html, as written by treatymaps build)")
        if not path.is_file():
            raise UsageError(f"no map file '{page}': run treatymaps build first, or give a day "
                             "(YYYY-MM-DD)")
        src = path.as_posix() if base is None else _join(base, path.name)
        found = _page_title(path) or path.stem
        default_title = _TITLES[lang]["file"].format(title=found)
        if day:
            default_title += f" — {format_day(day, lang)}"
    if day:
        src += f"#{day.isoformat()}" + ("" if view == "control" else f"/{view}")
    text = title if title is not None else default_title
    if not text.strip():
        raise UsageError("the title must not be empty: screen readers announce it")
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(text.strip())}" '
            f'lang="{lang}" width="100%" height="{height}" '
            f'style="width:100%;max-width:100%;height:{height}px;border:0" '
            'loading="lazy" allowfullscreen referrerpolicy="no-referrer"></iframe>')


@dataclass(frozen=True)
class InlineMap:
    """A self-contained page shown in a notebook inside ``<iframe srcdoc>``.

    No file and no network: Leaflet and the data travel in the page. Jupyter shows HTML
    output once the notebook is trusted, which it is for outputs you produce by running the
    cell; a notebook opened with someone else's outputs shows pictures (PNG) only.
    """

    page: str = field(repr=False)
    title: str
    height: int = 480

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
                f'title="{html.escape(self.title)}" width="100%" height="{self.height}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ccc">'
                '</iframe>')


def inline_map(record: Record, date: dt.date | str, *, lang: str = "en",
               view: str = "control", height: int = 480) -> InlineMap:
    """The interactive map of a day (``day_map``), to show in a notebook cell."""
    from ._inline import render_page
    from .maps import day_map

    day = as_day(date)
    page = render_page(day_map(record, day, lang=lang, view=view, timeline_href=None))
    title = _TITLES[lang]["day"].format(date=format_day(day, lang))
    return InlineMap(page, title, height)


def _join(base: str, name: str) -> str:
    return f"{base}{name}" if base.endswith("/") or not base else f"{base}/{name}"


__all__ = ["DEFAULT_HEIGHT", "TIMELINES", "VIEWS", "InlineMap", "iframe_snippet", "inline_map"]
