"""Fill empty msgstr entries of a .po catalog from a JSON glossary {msgid: translation}.

Usage: python scripts/fill_translations.py locale/zh_Hans/LC_MESSAGES/django.po glossary.json
Prints the msgids still untranslated, so a reviewer sees what is missing.
"""

import json
import sys

import polib


def main(po_path, glossary_path):
    with open(glossary_path, encoding="utf-8") as handle:
        glossary = json.load(handle)
    catalog = polib.pofile(po_path)
    missing = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.msgid in glossary:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: glossary[entry.msgid]}
            else:
                entry.msgstr = glossary[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif "fuzzy" in entry.flags or not (entry.msgstr or any(entry.msgstr_plural.values())):
            # makemessages' fuzzy guesses are often wrong and compilemessages skips them anyway.
            missing.append(entry.msgid)
    catalog.save(po_path)
    for msgid in missing:
        print(msgid)


if __name__ == "__main__":
    main(*sys.argv[1:3])
