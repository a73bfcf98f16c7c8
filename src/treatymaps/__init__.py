"""treatymaps: who held each territory of Northeast Asia on any day from 1895 to 1945, and why.

The public API, in the order of the data flow: read the record, ask the date engine.
"""

from ._errors import DataError, Problem, UsageError
from .citing import compare, provisions_in_force, quote
from .embed import iframe_snippet, inline_map
from .engine import change_dates, daily_states, history, state_on
from .loading import default_data_dir, load_record
from .model import Record
from .pictures import picture

__all__ = [
    "DataError",
    "Problem",
    "Record",
    "UsageError",
    "build_maps",
    "change_dates",
    "compare",
    "daily_states",
    "day_map",
    "default_data_dir",
    "history",
    "iframe_snippet",
    "inline_map",
    "load_record",
    "picture",
    "provisions_in_force",
    "quote",
    "state_on",
    "timeline_map",
    "write_map",
    "write_timeline",
]

_MAPS = {"day_map": ("maps", "day_map"), "write_map": ("maps", "write_map"),
         "timeline_map": ("timeline", "timeline_map"),
         "write_timeline": ("timeline", "write_timeline"), "build_maps": ("build", "build")}


def __getattr__(name: str):  # the maps load folium, so only when first asked for
    if name in _MAPS:
        from importlib import import_module

        module, attribute = _MAPS[name]
        return getattr(import_module(f".{module}", __name__), attribute)
    raise AttributeError(f"module 'treatymaps' has no attribute '{name}'")

__version__ = "0.1.0"
