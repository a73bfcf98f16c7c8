"""The timeline: every day from 1895 to 1945 in one self-contained HTML page.

The page carries the record once, as steps (a unit's state changes, never one row per day), so
its size grows with the number of changes, not of days; the script finds a day's state by
binary search. A slider, buttons and keys move the day; the address holds it
(``timeline.html#1905-09-05``, ``#1905-09-05/sovereignty``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import folium

from ._atomic import write_atomic
from ._choices import check_lang, check_view
from ._inline import render_page
from .i18n import text
from .maps import TreatyLayer, base_map
from .model import Record


def timeline_map(record: Record, *, lang: str = "en", view: str = "control",
                 other_lang_href: str | None = None) -> folium.Map:
    """The timeline page as a folium map (``render_page`` or ``write_timeline`` to save it).

    ``view`` is the view it opens in when the address names none; ``other_lang_href`` links the
    same page in the other language (the day in the address carries over).
    """
    check_lang(lang)
    check_view(view)
    # the arrow keys move the day, so Leaflet's own keyboard panning is off
    fmap = base_map(record, lang=lang, title=text("title_timeline", lang), keyboard=False)
    links = {"other_lang": other_lang_href} if other_lang_href else {}
    fmap.add_child(TreatyLayer(record, lang=lang, mode="timeline", view=view, links=links),
                   name="treatymaps")
    return fmap


def timeline_html(record: Record, **options: Any) -> str:
    """The timeline page's HTML (see ``timeline_map`` for the options)."""
    return render_page(timeline_map(record, **options))


def write_timeline(record: Record, path: str | os.PathLike[str] = "timeline.html",
                   **options: Any) -> Path:
    """Write the timeline page to ``path`` atomically and return the path."""
    return write_atomic(path, timeline_html(record, **options))


__all__ = ["timeline_html", "timeline_map", "write_timeline"]
