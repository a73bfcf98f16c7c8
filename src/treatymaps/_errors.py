"""The project's exceptions: one for bad data, one for bad arguments."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is and what was expected."""

    file: str
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        field = f" field '{self.field}':" if self.field else ""
        return f"{self.file}:{where}{field} {self.message}"


class DataError(ValueError):
    """The record in ``geodata/`` is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(ValueError):
    """An argument (a date, a unit id, a language) is not one treatymaps knows."""
