"""Options shared by the subcommands of ``treatymaps``: language, view, data folder."""

from __future__ import annotations

import argparse

from ._choices import LANGS, VIEWS


def add_lang(parser: argparse.ArgumentParser, what: str = "the output") -> None:
    parser.add_argument("--lang", choices=LANGS, default="en",
                        help=f"language of {what} (default: en)")


def add_view(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--view", choices=VIEWS, default="control", help=help_text)


def add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="PATH", default=None,
                        help="a geodata folder to use instead of the shipped one")


__all__ = ["add_data", "add_lang", "add_view"]
