"""``treatymaps build``: the timeline, the maps of the key dates and an index, into ``maps/``.

A build is a list of *writers*, each a function ``writer(build)`` that renders files and hands
them to ``build.add(path, data, kind=..., ...)``. Nothing is written until every writer has
succeeded; then each file is replaced atomically, so a failed build leaves the previous
``maps/`` as it was. The index is written last and lists everything added, by kind, so a
writer added later (pictures, say) appears in it without touching this module::

    from treatymaps import build as b
    def write_pictures(build): build.add("pictures/x.png", png, kind="picture", lang="en",
                                         day=..., title="...")
    b.WRITERS.append(write_pictures)

Layout of ``maps/``::

    index.html                    both languages, links to everything below
    timeline.html                 the timeline in English
    timeline-fr.html              the timeline in French
    map-1905-09-05-en.html        a key date, in English (and -fr in French)
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ._atomic import write_atomic
from ._inline import render_page
from .dates import format_day, parse_day
from .i18n import LANGS, text
from .maps import change_summaries, day_map
from .model import Record
from .timeline import timeline_html

KEY_DATES = tuple(parse_day(d) for d in (
    "1895-05-08", "1895-11-08", "1898-03-27", "1901-01-01", "1905-09-05", "1910-08-29",
    "1921-01-01", "1932-03-01", "1933-06-01", "1939-09-01", "1941-04-13", "1945-08-09",
    "1945-09-02",
))
"""The days that get a map of their own (Shimonoseki ratified, the Liaodong retrocession,
the Port Arthur lease, after the Boxer war, Portsmouth, annexation of Korea, 1921, Manchukuo,
after Tanggu, the war in Europe, the Soviet-Japanese pact, the Soviet invasion, surrender)."""


def timeline_name(lang: str) -> str:
    return "timeline.html" if lang == "en" else f"timeline-{lang}.html"


def map_name(day: dt.date, lang: str) -> str:
    return f"map-{day.isoformat()}-{lang}.html"


@dataclass(frozen=True)
class Artifact:
    """A file of the build as the index lists it."""

    path: str  # relative to the output folder, with "/"
    kind: str  # "timeline", "map", "picture" or any other a writer chooses
    lang: str | None = None
    title: str = ""
    day: dt.date | None = None
    note: str = ""


@dataclass
class Build:
    """A build in progress: the record, where it goes, and the files rendered so far."""

    record: Record
    out_dir: Path
    files: dict[str, bytes] = field(default_factory=dict)
    artifacts: list[Artifact] = field(default_factory=list)

    def add(self, path: str, data: str | bytes, *, kind: str, lang: str | None = None,
            title: str = "", day: dt.date | None = None, note: str = "",
            listed: bool = True) -> None:
        """Queue ``data`` for ``out_dir/path``; list it in the index unless ``listed=False``."""
        if path in self.files:
            raise ValueError(f"two writers produce {path}")
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data
        if listed:
            self.artifacts.append(Artifact(path, kind, lang, title, day, note))

    def listed(self, kind: str, lang: str | None = None) -> list[Artifact]:
        return [a for a in self.artifacts if a.kind == kind and a.lang in (lang, None)]


Writer = Callable[[Build], None]


def write_timelines(build: Build) -> None:
    for lang in LANGS:
        other = "fr" if lang == "en" else "en"
        build.add(timeline_name(lang),
                  timeline_html(build.record, lang=lang, other_lang_href=timeline_name(other)),
                  kind="timeline", lang=lang, title=text("index_timeline", lang))


def what_changed(record: Record, day: dt.date, lang: str) -> str:
    """One line on what changed on ``day``, from the provisions dated that day."""
    changes = change_summaries(record, lang)
    today = [c for c in changes if c["day"] == day]
    if not today:
        before = [c for c in changes if c["day"] < day]
        if not before:
            return ""
        last = before[-1]
        titles = "; ".join(i["title"] for i in last["items"])
        return f"{text('no_change_today', lang)} {last['text']}, {titles}."
    parts = []
    for item in today[0]["items"]:
        head = item["title"] + (f" ({', '.join(item['articles'])})" if item["articles"] else "")
        if len(item["summaries"]) > 2:  # a baseline or a long treaty: its own summary
            summary = record.instruments[item["instrument"]]
            said = summary.summary_fr if lang == "fr" else summary.summary_en
        else:
            said = " ".join(item["summaries"])
        parts.append(f"{head}: {said}" if lang == "en" else f"{head} : {said}")
    return " ".join(parts)


def write_key_date_maps(build: Build) -> None:
    for day in KEY_DATES:
        for lang in LANGS:
            other = "fr" if lang == "en" else "en"
            fmap = day_map(build.record, day, lang=lang, timeline_href=timeline_name(lang),
                           other_lang_href=map_name(day, other))
            build.add(map_name(day, lang), render_page(fmap), kind="map", lang=lang,
                      title=format_day(day, lang), day=day,
                      note=what_changed(build.record, day, lang))


WRITERS: list[Writer] = [write_timelines, write_key_date_maps]
"""The steps of ``build``, in order; the index comes after them all."""

_INDEX_CSS = """
body{margin:0;font-family:"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;
color:#1c1c28;background:#fbfaf6;line-height:1.45}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1.5rem 2.5rem;
max-width:75rem;margin:0 auto;padding:1rem 1.2rem 2rem}
h1{font-size:1.35rem;margin:.3rem 0 .4rem}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:#1a5fb4}.big{font-size:1.1rem;font-weight:700}
ol,ul{padding-left:0;list-style:none}li{margin:.55rem 0}
.note{display:block;font-size:.88rem;color:#4a4a55}
.pictures img{max-width:100%;height:auto;border:1px solid #ddd}
"""


def _index_section(build: Build, lang: str) -> str:
    e = html.escape
    out = [f'<section lang="{lang}">', f"<h1>{e(text('index_title', lang))}</h1>",
           f"<p>{e(text('index_intro', lang))}</p>"]
    for artifact in build.listed("timeline", lang):
        out.append(f'<p><a class="big" href="{e(artifact.path)}">{e(artifact.title)}</a></p>')
    maps = build.listed("map", lang)
    if maps:
        out.append(f"<h2>{e(text('index_key_dates', lang))}</h2><ol>")
        for artifact in maps:
            out.append(f'<li><a href="{e(artifact.path)}">{e(artifact.title)}</a>'
                       f'<span class="note">{e(artifact.note)}</span></li>')
        out.append("</ol>")
    pictures = build.listed("picture", lang)
    if pictures:
        out.append(f"<h2>{e(text('index_pictures', lang))}</h2><ul class=\"pictures\">")
        for artifact in pictures:
            out.append(f'<li><a href="{e(artifact.path)}">{e(artifact.title or artifact.path)}</a>'
                       + (f'<span class="note">{e(artifact.note)}</span>' if artifact.note
                          else "") + "</li>")
        out.append("</ul>")
    known = {"timeline", "map", "picture"}
    others = [a for a in build.artifacts if a.kind not in known and a.lang in (lang, None)]
    for artifact in others:
        out.append(f'<p><a href="{e(artifact.path)}">{e(artifact.title or artifact.path)}</a>'
                   f'<span class="note">{e(artifact.note)}</span></p>')
    out.append("</section>")
    return "\n".join(out)


def index_html(build: Build) -> str:
    """The bilingual index of everything the writers added."""
    sections = "\n".join(_index_section(build, lang) for lang in LANGS)
    title = " / ".join(text("index_title", lang) for lang in LANGS)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n"
            f"<body>\n<main>\n{sections}\n</main>\n</body>\n</html>\n")


def build(record: Record, out_dir: str | os.PathLike[str] = "maps", *,
          writers: list[Writer] | None = None) -> list[Path]:
    """Render every page of ``maps/`` (``WRITERS``, then the index) and write them.

    Returns the paths written, in order. If a writer fails, no file is written.
    """
    state = Build(record, Path(out_dir))
    for writer in WRITERS if writers is None else writers:
        writer(state)
    state.add("index.html", index_html(state), kind="index", listed=False)
    return [write_atomic(state.out_dir / path, data) for path, data in sorted(state.files.items())]


__all__ = ["KEY_DATES", "WRITERS", "Artifact", "Build", "build", "index_html", "map_name",
           "timeline_name", "what_changed", "write_key_date_maps",
           "write_timelines"]


# ---- pictures step (issue #6, treatymaps.pictures): a PNG of each key date and a GIF of them.
from .pictures import write_pictures  # noqa: E402  (pictures does not import build at load)

WRITERS.append(write_pictures)
