"""Every word of the maps' user interface, in English and in French.

The record supplies the names of places, polities and instruments in both languages; this
module supplies the rest (buttons, legend, pop-up headings). Pages written in Python and the
timeline's JavaScript read the same table, so a string is translated once.
"""

from __future__ import annotations

from .dates import MONTHS

LANGS = ("en", "fr")
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title_timeline": "Who held what in Northeast Asia, 1895–1945",
        "title_day": "Northeast Asia on {date}",
        "subtitle": "Each territory, the treaty article behind it, day by day",
        "view": "Show",
        "view_control": "Control (de facto)",
        "view_sovereignty": "Sovereignty (de jure)",
        "view_control_short": "control",
        "view_sovereignty_short": "sovereignty",
        "slider": "Day between 1 January 1895 and 31 December 1945",
        "first": "First day (Home)",
        "last": "Last day (End)",
        "prev_change": "Previous change (Page Up or Shift+←)",
        "next_change": "Next change (Page Down or Shift+→)",
        "prev_day": "Previous day (←)",
        "next_day": "Next day (→)",
        "play": "Play (space)",
        "pause": "Pause (space)",
        "speed": "Speed",
        "speed_day": "a day per step",
        "speed_week": "a week per step",
        "speed_month": "a month per step",
        "keys": "Keys: ← → a day · Shift+← → or Page Up/Down a change · space play · "
                "Home/End",
        "changes": "Changes",
        "changes_hint": "Click a date to see the map on that day.",
        "event_mark": "Event",
        "legend": "Legend",
        "legend_holders_control": "Who controls the ground",
        "legend_holders_sovereignty": "Who holds sovereignty",
        "legend_status": "Status",
        "legend_differs_control": "Stripes of a second colour: the sovereign, where it is not "
                                  "who controls the ground",
        "legend_differs_sovereignty": "Stripes of a second colour: who controls the ground, "
                                      "where it is not the sovereign",
        "legend_railway": "Railway (click for its operator)",
        "legend_place": "Town, with its name of the time",
        "legend_event": "Event within a month of this day",
        "legend_sea": "Sea",
        "unit_modern": "Today",
        "unit_local": "Local names",
        "status": "Status",
        "sovereign": "Sovereign",
        "control": "Control",
        "since": "Since",
        "by": "By",
        "sources": "Source",
        "prev_unit_change": "Previous change",
        "next_unit_change": "Next change",
        "none": "none",
        "no_holder": "no holder recorded",
        "provenance": "Where the borders come from",
        "provenance_base": "Base",
        "precision_coast": "coastline",
        "precision_treaty-line": "line fixed by treaty",
        "precision_approximate-line": "approximate line",
        "precision_frontier-zone": "frontier zone, no agreed line",
        "signed": "Signed",
        "in_force": "In force",
        "railway_opened": "Opened",
        "railway_operator": "Operator on this day",
        "railway_owners": "Operators over time",
        "railway_not_open": "not yet open on this day",
        "event": "Event",
        "open_timeline": "Open the timeline at this day",
        "changed_today": "What changed on this day",
        "no_change_today": "No change on this day; the last change before it:",
        "index_title": "Maps of Northeast Asia, 1895–1945",
        "index_intro": "Open the timeline to move through every day from 1895 to 1945, or a "
                       "map of a key date. Every file works offline, from a USB stick.",
        "index_timeline": "Timeline: every day, 1895–1945",
        "index_key_dates": "Key dates",
        "index_pictures": "Pictures",
        "other_language": "Français",
        "close": "Close",
    },
    "fr": {
        "title_timeline": "Qui tenait quoi en Asie du Nord-Est, 1895-1945",
        "title_day": "L'Asie du Nord-Est le {date}",
        "subtitle": "Chaque territoire et l'article de traité qui le fonde, jour après jour",
        "view": "Afficher",
        "view_control": "Contrôle (de facto)",
        "view_sovereignty": "Souveraineté (de jure)",
        "view_control_short": "contrôle",
        "view_sovereignty_short": "souveraineté",
        "slider": "Jour entre le 1er janvier 1895 et le 31 décembre 1945",
        "first": "Premier jour (Début)",
        "last": "Dernier jour (Fin)",
        "prev_change": "Changement précédent (Page préc. ou Maj+←)",
        "next_change": "Changement suivant (Page suiv. ou Maj+→)",
        "prev_day": "Jour précédent (←)",
        "next_day": "Jour suivant (→)",
        "play": "Lecture (espace)",
        "pause": "Pause (espace)",
        "speed": "Vitesse",
        "speed_day": "un jour par pas",
        "speed_week": "une semaine par pas",
        "speed_month": "un mois par pas",
        "keys": "Touches : ← → un jour · Maj+← → ou Page préc./suiv. un changement · "
                "espace lecture · Début/Fin",
        "changes": "Changements",
        "changes_hint": "Cliquez sur une date pour voir la carte de ce jour.",
        "event_mark": "Événement",
        "legend": "Légende",
        "legend_holders_control": "Qui contrôle le terrain",
        "legend_holders_sovereignty": "Qui détient la souveraineté",
        "legend_status": "Statut",
        "legend_differs_control": "Rayures d'une seconde couleur : le souverain, là où il ne "
                                  "contrôle pas le terrain",
        "legend_differs_sovereignty": "Rayures d'une seconde couleur : qui contrôle le "
                                      "terrain, là où ce n'est pas le souverain",
        "legend_railway": "Chemin de fer (cliquez pour l'exploitant)",
        "legend_place": "Ville, avec son nom de l'époque",
        "legend_event": "Événement à moins d'un mois de ce jour",
        "legend_sea": "Mer",
        "unit_modern": "Aujourd'hui",
        "unit_local": "Noms locaux",
        "status": "Statut",
        "sovereign": "Souverain",
        "control": "Contrôle",
        "since": "Depuis",
        "by": "En vertu de",
        "sources": "Source",
        "prev_unit_change": "Changement précédent",
        "next_unit_change": "Changement suivant",
        "none": "aucun",
        "no_holder": "aucun détenteur connu",
        "provenance": "D'où viennent les frontières",
        "provenance_base": "Fond",
        "precision_coast": "littoral",
        "precision_treaty-line": "ligne fixée par traité",
        "precision_approximate-line": "ligne approximative",
        "precision_frontier-zone": "zone frontière, sans ligne convenue",
        "signed": "Signé",
        "in_force": "En vigueur",
        "railway_opened": "Ouverture",
        "railway_operator": "Exploitant ce jour",
        "railway_owners": "Exploitants successifs",
        "railway_not_open": "pas encore ouvert ce jour",
        "event": "Événement",
        "open_timeline": "Ouvrir la frise à ce jour",
        "changed_today": "Ce qui a changé ce jour",
        "no_change_today": "Aucun changement ce jour ; le dernier changement avant :",
        "index_title": "Cartes de l'Asie du Nord-Est, 1895-1945",
        "index_intro": "Ouvrez la frise pour parcourir chaque jour de 1895 à 1945, ou une carte "
                       "d'une date clé. Chaque fichier fonctionne hors ligne, depuis une clé USB.",
        "index_timeline": "Frise : chaque jour, 1895-1945",
        "index_key_dates": "Dates clés",
        "index_pictures": "Images",
        "other_language": "English",
        "close": "Fermer",
    },
}


# The static pictures (treatymaps.pictures): titles, legend headings, captions.
PICTURE_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Northeast Asia on {date}",
        "control": "Who controlled each territory, and by which instrument",
        "sovereignty": "Who held sovereignty over each territory, and by which instrument",
        "legend_control": "Control (colour)",
        "legend_sovereignty": "Sovereignty (colour)",
        "legend_status": "Status (pattern)",
        "differs_control": "Wide stripes: the sovereign, where it is not who controls",
        "differs_sovereignty": "Wide stripes: who controls, where it is not the sovereign",
        "sovereign_short": "sov.", "control_short": "held by",
        "provisions": "Provisions in force behind this map:",
        "sources": "Sources:",
        "credit": "treatymaps · planar units, approximate borders · see the record for notes",
        "animation": "The key dates one after another (animated GIF)",
    },
    "fr": {
        "title": "L'Asie du Nord-Est le {date}",
        "control": "Qui contrôlait chaque territoire, et en vertu de quel acte",
        "sovereignty": ("Qui détenait la souveraineté sur chaque territoire, et en vertu de "
                        "quel acte"),
        "legend_control": "Contrôle (couleur)",
        "legend_sovereignty": "Souveraineté (couleur)",
        "legend_status": "Statut (motif)",
        "differs_control": "Larges rayures : le souverain, là où il ne contrôle pas le terrain",
        "differs_sovereignty": "Larges rayures : qui contrôle le terrain, là où ce n'est pas "
                               "le souverain",
        "sovereign_short": "souv.", "control_short": "tenu par",
        "provisions": "Dispositions en vigueur derrière cette carte :",
        "sources": "Sources :",
        "credit": ("treatymaps · unités planes, frontières approchées · voir le registre "
                   "pour les notes"),
        "animation": "Les dates clés l'une après l'autre (GIF animé)",
    },
}


def text(key: str, lang: str, **values: str) -> str:
    """One user-interface string in ``lang``, with ``{name}`` fields filled in."""
    template = STRINGS[lang][key]
    return template.format(**values) if values else template


def ui_strings(lang: str) -> dict[str, object]:
    """Everything the timeline's JavaScript writes out, for one language."""
    return {**STRINGS[lang], "months": MONTHS[lang], "lang": lang}


def _check_complete() -> None:
    for strings in (STRINGS, PICTURE_STRINGS):
        missing = set(strings["en"]) ^ set(strings["fr"])
        if missing:  # a string added in one language only is a bug, caught at import
            raise RuntimeError(f"i18n: strings not in both languages: {sorted(missing)}")


_check_complete()

__all__ = ["LANGS", "LANGUAGE_NAMES", "PICTURE_STRINGS", "STRINGS", "text", "ui_strings"]
