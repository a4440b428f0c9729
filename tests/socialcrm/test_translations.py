"""The committed Chinese catalogue is complete, compiled, consistent with the glossary, and
keeps every placeholder: what `make messages` plus the fill step must leave behind
(docs/translations.md)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from socialcrm.glossary import TERMS

PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{ *(\w+) *\}\}")


@pytest.fixture(scope="module")
def catalogue():
    return [entry for entry in polib.pofile(str(PO)) if not entry.obsolete]


def _name(entry):
    return f"{entry.msgctxt} | {entry.msgid}" if entry.msgctxt else entry.msgid


def test_nothing_is_untranslated_or_fuzzy(catalogue):
    missing = [_name(entry) for entry in catalogue if "fuzzy" in entry.flags or not entry.translated()]
    assert missing == [], "run `make messages`, then fill these (docs/translations.md)"


def test_the_compiled_catalogue_matches_the_po(catalogue):
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(PO.with_suffix(".mo")))}
    stale = [_name(entry) for entry in catalogue
             if (entry.msgctxt, entry.msgid) not in compiled
             or (not entry.msgid_plural and compiled[(entry.msgctxt, entry.msgid)].msgstr != entry.msgstr)]
    assert stale == [], "run `manage.py compilemessages` and commit the .mo"


def test_every_placeholder_survives_translation(catalogue):
    def names(text):
        return sorted(match.group(0).replace(" ", "") for match in PLACEHOLDER.finditer(text))

    broken = []
    for entry in catalogue:
        source = names(entry.msgid_plural or entry.msgid)
        targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        broken += [_name(entry) for target in targets if set(names(target)) - set(source)
                   or (not entry.msgid_plural and names(target) != names(entry.msgid))]
    assert broken == []


def test_glossary_terms_are_translated_the_same_everywhere(catalogue):
    drift = [f"{_name(entry)} -> {entry.msgstr} (glossary: {chinese})"
             for chinese, forms in TERMS.values() for entry in catalogue
             if entry.msgid in forms and entry.msgstr != chinese]
    assert drift == []
