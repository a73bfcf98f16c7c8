"""treatymaps: who held each territory of Northeast Asia on any day from 1895 to 1945, and why.

The public API, in the order of the data flow: read the record, ask the date engine.
"""

from ._errors import DataError, Problem, UsageError
from .citing import compare, provisions_in_force, quote
from .embed import iframe_snippet
from .engine import change_dates, daily_states, history, state_on
from .loading import default_data_dir, load_record
from .model import Record
from .pictures import picture

__all__ = [
    "DataError",
    "Problem",
    "Record",
    "UsageError",
    "change_dates",
    "compare",
    "daily_states",
    "default_data_dir",
    "history",
    "iframe_snippet",
    "load_record",
    "picture",
    "provisions_in_force",
    "quote",
    "state_on",
]

__version__ = "0.1.0"
