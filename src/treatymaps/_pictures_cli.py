"""The commands ``png``, ``svg`` and ``embed``: static pictures and iframe snippets.

Registered in ``cli.COMMANDS``; matplotlib is imported only when a picture is drawn, so the
other commands start quickly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ._cli_options import add_data, add_lang, add_view
from ._errors import UsageError
from .dates import parse_day
from .embed import DEFAULT_HEIGHT, iframe_snippet
from .loading import load_record


def _run_picture(args: argparse.Namespace) -> int:
    from .pictures import picture

    day = parse_day(args.date)
    record = load_record(args.data)
    suffix = "" if args.view == "control" else f"-{args.view}"
    output = Path(args.output or f"treatymaps-{day.isoformat()}-{args.lang}{suffix}.{args.format}")
    if not output.suffix:
        output = output.with_name(f"{output.name}.{args.format}")
    elif output.suffix.lower() != f".{args.format}":
        raise UsageError(f"cannot write '{output}' with the {args.format} command: give a file "
                         f"ending in .{args.format}")
    picture(record, day, lang=args.lang, view=args.view).save(output, dpi=args.dpi)
    print(output)
    return 0


def _run_embed(args: argparse.Namespace) -> int:
    print(iframe_snippet(args.target, title=args.title, lang=args.lang, height=args.height,
                         base=args.base, view=args.view))
    return 0


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 50 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{text} is outside 50..600")
    return value


def register(commands: argparse._SubParsersAction) -> None:
    for fmt in ("png", "svg"):
        command = commands.add_parser(fmt, help=f"draw the map of a day as a static {fmt.upper()}"
                                      " picture (to print or project)")
        command.add_argument("date", help="a day, YYYY-MM-DD, from 1895-01-01 to 1945-12-31")
        command.add_argument("-o", "--output", metavar="FILE",
                             help=f"where to write (default: treatymaps-DATE-LANG.{fmt})")
        add_lang(command, "the picture")
        add_view(command, "colour by who controlled the ground or by who held sovereignty "
                 "(default: control)")
        if fmt == "png":
            command.add_argument("--dpi", type=_dpi, default=150,
                                 help="resolution; 150 prints an A4 page well (default: 150)")
        add_data(command)
        command.set_defaults(run=_run_picture, format=fmt, dpi=150)

    embed = commands.add_parser("embed", help="print an <iframe> that puts a map in a web "
                                "page or a learning platform")
    embed.add_argument("target", help="a day (YYYY-MM-DD: the timeline opened on it) or a "
                       "generated map file (maps/timeline.html, optionally #YYYY-MM-DD)")
    embed.add_argument("--title", help="the accessible title (default: says what the map shows)")
    add_lang(embed, "the timeline and of the default title")
    add_view(embed, "open a day on who controlled the ground or on who held sovereignty "
             "(default: control)")
    embed.add_argument("--height", type=int, default=DEFAULT_HEIGHT,
                       help=f"height in pixels (default: {DEFAULT_HEIGHT}); the width follows "
                       "the page")
    embed.add_argument("--base", metavar="URL", default=None,
                       help="address of the folder where the maps are uploaded, e.g. "
                       "https://school.example/maps/ (default: maps/ for a day, the file's "
                       "path otherwise)")
    embed.set_defaults(run=_run_embed)
