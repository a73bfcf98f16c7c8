"""The ``treatymaps`` command line: thin wrappers around the public API.

Bad data and bad arguments end with one line per problem on stderr and exit status 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from ._cli_options import add_data, add_lang
from ._errors import DataError, UsageError
from .dates import parse_day
from .engine import history, state_on
from .loading import load_record
from .model import Record


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for every bad argument
        raise UsageError(f"{self.prog}: {message}")


def _cmd_validate(args: argparse.Namespace) -> int:
    record = load_record(args.path)
    print(f"ok: {len(record.units)} units, {len(record.polities)} polities, "
          f"{len(record.instruments)} instruments, {len(record.provisions)} provisions, "
          f"{len(record.events)} events, {len(record.sources)} sources")
    return 0


def _polity(record: Record, polity: str | None, lang: str) -> str:
    return record.polities[polity].short(lang) if polity in record.polities else "-"


def _status(record: Record, status: str | None, lang: str) -> str:
    return record.statuses[status].name(lang) if status in record.statuses else "-"


def _provision_ref(record: Record, provision_id: str, lang: str) -> dict[str, str]:
    provision = record.provisions_by_id[provision_id]
    instrument = record.instruments[provision.instrument]
    return {"id": provision.id, "instrument": instrument.id,
            "title": instrument.title(lang), "article": provision.article}


def _cmd_at(args: argparse.Namespace) -> int:
    day = parse_day(args.date)
    record = load_record(args.data)
    states = state_on(record, day, unit=args.unit)
    rows = []
    for unit, row in states.iterrows():
        rows.append({
            "unit": unit, "group": row["group"], "name": row[f"name_{args.lang}"],
            "date": day.isoformat(), "sovereign": row["sovereign"], "control": row["control"],
            "status": row["status"], "since": row["since"],
            "provisions": [_provision_ref(record, p, args.lang) for p in row["provisions"]],
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    words = {"en": ("sovereign", "control", "since", "by"),
             "fr": ("souverain", "contrôle", "depuis", "par")}[args.lang]
    for row in rows:
        reasons = "; ".join(f"{p['title']}" + (f", {p['article']}" if p["article"] else "")
                            for p in row["provisions"])
        print(f"{row['unit']} ({row['name']}): {words[0]} "
              f"{_polity(record, row['sovereign'], args.lang)}, {words[1]} "
              f"{_polity(record, row['control'], args.lang)}, "
              f"{_status(record, row['status'], args.lang)}, {words[2]} {row['since']} "
              f"— {words[3]} {reasons}")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    record = load_record(args.data)
    table = history(record, args.unit)
    rows = []
    for _, row in table.iterrows():
        provision = record.provisions_by_id[row["provision"]]
        instrument = record.instruments[row["instrument"]]
        rows.append({
            "unit": row["unit"], "date": row["date"], "provision": row["provision"],
            "instrument": instrument.id, "title": instrument.title(args.lang),
            "article": row["article"], "sets": row["sets"], "sovereign": row["sovereign"],
            "control": row["control"], "status": row["status"],
            "summary": provision.summary(args.lang),
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in _merge_parts(record, args.unit, rows):
        article = f", {row['article']}" if row["article"] else ""
        state = (f"{_polity(record, row['sovereign'], args.lang)} / "
                 f"{_polity(record, row['control'], args.lang)} "
                 f"({_status(record, row['status'], args.lang)})")
        print(f"{row['date']:<10}  {row['unit']:<16}  {row['title']}{article}  -> {state}")
        print(f"{'':<10}  {row['summary']}")
    return 0


def _merge_parts(record: Record, unit: str, rows: list[dict]) -> list[dict]:
    """For a group, one line where every part went through the same change."""
    parts = record.parts(unit)
    if len(parts) < 2:
        return rows
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (row["date"], row["provision"], row["sovereign"], row["control"], row["status"])
        merged.setdefault(key, {**row, "units": []})["units"].append(row["unit"])
    for row in merged.values():
        row["unit"] = unit if len(row["units"]) == len(parts) else ", ".join(row["units"])
    return list(merged.values())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="treatymaps", description="Who held what in Northeast Asia, "
                     "1895-1945, and by which treaty.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check the data and report every problem")
    validate.add_argument("path", nargs="?", default=None, help="a geodata folder (default: "
                          "the shipped data)")
    validate.set_defaults(run=_cmd_validate)

    at = commands.add_parser("at", help="who held each unit on a day")
    at.add_argument("date", help="a day, YYYY-MM-DD, from 1895-01-01 to 1945-12-31")
    at.add_argument("--unit", help="one unit or group id")
    at.add_argument("--json", action="store_true", help="print JSON")
    add_lang(at)
    add_data(at)
    at.set_defaults(run=_cmd_at)

    hist = commands.add_parser("history", help="every change of one unit, with its instrument")
    hist.add_argument("unit", help="a unit or group id")
    hist.add_argument("--json", action="store_true", help="print JSON")
    add_lang(hist)
    add_data(hist)
    hist.set_defaults(run=_cmd_history)

    for register in COMMANDS:
        register(commands)
    return parser


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []
"""Registration functions of the rendering commands (maps, pictures), added below."""

from ._pictures_cli import register as _register_pictures  # noqa: E402  (png, svg, embed)

COMMANDS.append(_register_pictures)

from ._maps_cli import register as _register_maps  # noqa: E402  (map, timeline, build)

COMMANDS.append(_register_maps)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args))
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"treatymaps: {len(exc.problems)} problem(s) in the data", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"treatymaps: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"treatymaps: error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
