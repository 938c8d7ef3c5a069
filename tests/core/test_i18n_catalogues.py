"""Every UI string has a French and an Arabic translation, and the compiled
catalogues match their sources."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def po_entries(path: Path) -> list[dict]:
    """Parse a .po file: enough of the format for msgid/msgid_plural/msgstr[...] and flags."""
    entries, entry, key = [], {}, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry:
                entries.append(entry)
            entry, key = {}, None
            continue
        if line.startswith("#,"):
            entry["flags"] = line[2:]
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if match:
            key = match.group(1)
            entry[key] = match.group(2)
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]
    return [e for e in entries if e.get("msgid")]


def unescape(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_catalogue_has_no_untranslated_or_fuzzy_string(lang):
    entries = po_entries(LOCALE / lang / "LC_MESSAGES" / "django.po")
    assert entries
    untranslated = [
        e["msgid"]
        for e in entries
        if not all(v for k, v in e.items() if k.startswith("msgstr"))
        or "fuzzy" in e.get("flags", "")
    ]
    assert not untranslated, f"{lang}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_compiled_catalogue_matches_its_source(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in po_entries(folder / "django.po"):
        if "msgid_plural" in entry:
            continue
        if "msgctxt" in entry:  # pgettext: the same words, another meaning
            found = compiled.pgettext(unescape(entry["msgctxt"]), unescape(entry["msgid"]))
        else:
            found = compiled.gettext(unescape(entry["msgid"]))
        assert found == unescape(entry["msgstr"]), (
            f"{lang}: {entry['msgid']!r} is stale in django.mo: run `make messages`"
        )
