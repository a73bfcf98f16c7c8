"""The date engine on a synthetic record: folds, carry-over, groups, precision."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from treatymaps import UsageError, change_dates, daily_states, history, state_on


def test_provision_applies_on_its_day_and_not_the_day_before(mini_record):
    before = state_on(mini_record, "1900-06-09").loc["west"]
    on = state_on(mini_record, "1900-06-10").loc["west"]
    assert (before["control"], before["status"]) == ("red", "integral")
    assert (on["control"], on["status"]) == ("blue", "lease")


def test_aspects_not_named_carry_over(mini_record):
    west = state_on(mini_record, "1920-01-01").loc["west"]
    assert west["sovereign"] == "red"  # the lease set control and status only
    assert west["differs"]
    assert west["provisions"] == ["base-west", "lease-west"]
    assert west["since"] == "1900-06-10"


def test_period_names_carry_over_and_fall_back_to_the_unit_name(mini_record):
    assert state_on(mini_record, "1899-01-01").loc["west", "name_en"] == "West"
    assert state_on(mini_record, "1930-01-01").loc["west", "name_fr"] == "Ouest bleu"


def test_a_provision_on_a_group_applies_to_each_part(mini_record):
    states = state_on(mini_record, "1900-01-01", unit="isle")
    assert list(states.index) == ["isle-north", "isle-south"]
    assert set(states["control"]) == {"red"}


def test_parts_of_a_group_can_diverge(mini_record):
    states = state_on(mini_record, "1945-08-01", unit="isle")
    assert states.loc["isle-north", "control"] == "red"
    assert states.loc["isle-south", "control"] == "blue"
    assert states.loc["isle-south", "since"] == "1945-08"  # month precision is kept


def test_history_lists_each_part_in_date_order(mini_record):
    table = history(mini_record, "isle")
    assert list(table["provision"]) == ["base-isle", "base-isle", "split-isle"]
    assert list(table["unit"]) == ["isle-north", "isle-south", "isle-south"]
    assert table.iloc[-1]["control"] == "blue"


def test_change_dates(mini_record):
    assert change_dates(mini_record) == [dt.date(1895, 1, 1), dt.date(1900, 6, 10),
                                         dt.date(1945, 8, 1)]
    assert change_dates(mini_record, unit="isle-north") == [dt.date(1895, 1, 1)]


def test_daily_states_agree_with_state_on(mini_record):
    daily = daily_states(mini_record)
    assert daily.codes["control"].shape == (3, 18_627)
    for day in ("1895-01-01", "1900-06-09", "1900-06-10", "1945-07-31", "1945-08-01",
                "1945-12-31"):
        states = state_on(mini_record, day)
        for unit in daily.units:
            for aspect in ("sovereign", "control", "status"):
                assert daily.on(unit, dt.date.fromisoformat(day), aspect) == \
                    states.loc[unit, aspect], (unit, day, aspect)
    lease = (dt.date(1900, 6, 10) - dt.date(1895, 1, 1)).days
    west = daily.codes["control"][daily.units.index("west")]
    assert np.all(west[:lease] == west[0]) and np.all(west[lease:] == west[lease])
    assert west[0] != west[lease]


def test_unknown_unit_says_what_is_valid(mini_record):
    with pytest.raises(UsageError, match="expected one of isle, isle-north, isle-south, west"):
        state_on(mini_record, "1900-01-01", unit="atlantis")


@pytest.mark.parametrize("bad", ["1894-12-31", "1946-01-01", "1905-02-30", "yesterday"])
def test_dates_outside_the_period_or_not_dates_are_refused(mini_record, bad):
    with pytest.raises(UsageError, match="1895-01-01 and 1945-12-31"):
        state_on(mini_record, bad)
