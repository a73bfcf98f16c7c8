"""The two choices every map, picture and snippet offers: its language and its view."""

from __future__ import annotations

from ._errors import UsageError
from .i18n import LANGS

VIEWS = ("control", "sovereignty")
"""What a map colours by: who held the ground (de facto) or who held title (de jure)."""


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UsageError(f"unknown language '{lang}': expected one of {', '.join(LANGS)}")
    return lang


def check_view(view: str) -> str:
    if view not in VIEWS:
        raise UsageError(f"unknown view '{view}': expected one of {', '.join(VIEWS)}")
    return view


__all__ = ["LANGS", "VIEWS", "check_lang", "check_view"]
