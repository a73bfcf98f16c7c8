"""Provisions quoted with their sources, and the changes between two days, on the mini record."""

from __future__ import annotations

import pytest

import treatymaps as tm


def test_provisions_in_force_name_the_units_and_sources(mini_record):
    table = tm.provisions_in_force(mini_record, "1945-09-01")
    assert list(table["provision"]) == ["base-isle", "base-west", "lease-west", "split-isle"]
    lease = table.set_index("provision").loc["lease-west"]
    assert (lease["title"], lease["article"], lease["units"]) == ("Treaty of Test", "Art. 1",
                                                                 ["west"])
    assert lease["sources"] == [("src-a", "art. 1")]
    assert tm.provisions_in_force(mini_record, "1945-09-01", units="west")["provision"].tolist() \
        == ["base-west", "lease-west"]


def test_quote_in_both_languages(mini_record):
    english = tm.quote(mini_record, "lease-west")
    assert str(english).splitlines()[0] == ("Treaty of Test, Art. 1 (signed 1 June 1900; "
                                            "applies from 10 June 1900)")
    assert "> “leases the west”" in english._repr_markdown_()
    assert "Author, Book (1921), art. 1" in str(english)
    french = str(tm.quote(mini_record, "split-isle", lang="fr"))
    assert "signé le 1er juin 1900 ; s'applique à partir d'août 1945" in french
    with pytest.raises(tm.UsageError, match="unknown provision, instrument or event"):
        tm.quote(mini_record, "nothing")


def test_compare_lists_only_what_changed_and_why(mini_record):
    changes = tm.compare(mini_record, "1900-06-09", "1900-06-10").set_index("unit")
    assert list(changes.index) == ["west"]
    west = changes.loc["west"]
    assert (west["control_before"], west["control_after"]) == ("Red", "Blue")
    assert (west["name_before"], west["name_after"]) == ("West", "Blue West")
    assert west["provisions"] == ["lease-west"]
    assert tm.compare(mini_record, "1901-01-01", "1902-01-01").empty
    with pytest.raises(tm.UsageError, match="give the earlier day first"):
        tm.compare(mini_record, "1902-01-01", "1901-01-01")


def test_quote_an_instrument_with_its_dates(mini_record):
    text = str(tm.quote(mini_record, "treaty"))
    assert text.startswith("Treaty of Test (signed 1 June 1900; in force 10 June 1900)")
    assert "Red leases west to blue." in text and "Author, Book (1921), art. 1" in text
