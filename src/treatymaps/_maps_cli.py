"""The commands ``map``, ``timeline`` and ``build``: interactive offline HTML maps.

Registered in ``cli.COMMANDS``; folium is imported only when a map is written, so the other
commands start quickly.
"""

from __future__ import annotations

import argparse

from ._cli_options import add_data, add_lang, add_view
from .dates import parse_day
from .loading import load_record


def _run_map(args: argparse.Namespace) -> int:
    from .maps import default_map_name, write_map

    day = parse_day(args.date)
    record = load_record(args.data)
    print(write_map(record, day, args.output or default_map_name(day, args.lang),
                    lang=args.lang, view=args.view, timeline_href=args.timeline_href or None))
    return 0


def _run_timeline(args: argparse.Namespace) -> int:
    from .build import timeline_name
    from .timeline import write_timeline

    record = load_record(args.data)
    print(write_timeline(record, args.output or timeline_name(args.lang), lang=args.lang,
                         view=args.view))
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from .build import build

    record = load_record(args.data)
    written = build(record, args.output)
    print(f"wrote {len(written)} files to {args.output}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("map", help="an interactive map of one day (one HTML file, "
                                  "works offline)")
    command.add_argument("date", help="a day, YYYY-MM-DD, from 1895-01-01 to 1945-12-31")
    command.add_argument("-o", "--output", metavar="FILE",
                         help="where to write (default: map-DATE-LANG.html)")
    add_lang(command, "the page")
    add_view(command, "fill each territory with who controls it (de facto, the default) or "
               "who is sovereign (de jure)")
    command.add_argument("--timeline-href", metavar="URL", default="timeline.html",
                         help="the timeline page that links to other days open (default: "
                              "timeline.html; '' for no links)")
    add_data(command)
    command.set_defaults(run=_run_map)

    command = commands.add_parser("timeline", help="every day from 1895 to 1945 in one HTML "
                                  "file with a slider (works offline)")
    command.add_argument("-o", "--output", metavar="FILE",
                         help="where to write (default: timeline.html, timeline-fr.html)")
    add_lang(command, "the page")
    add_view(command, "the view it opens in (default: control)")
    add_data(command)
    command.set_defaults(run=_run_timeline)

    command = commands.add_parser("build", help="write maps/: the timeline and the key-date "
                                  "maps in English and French, with an index")
    command.add_argument("-o", "--output", metavar="DIR", default="maps",
                         help="the folder to write (default: maps)")
    add_data(command)
    command.set_defaults(run=_run_build)


__all__ = ["register"]

