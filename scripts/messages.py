"""Keep the message catalogues in step with the code (needs Babel: pip install babel).

    python scripts/messages.py            # add the code's new messages to every catalogue, compile
    python scripts/messages.py --add sv   # start a catalogue for a new language (then translate it)

Each catalogue is src/raportti/i18n/locale/LANG/LC_MESSAGES/raportti.po; a translator
fills in its msgstr lines (a new or changed message has an empty or '#, fuzzy' one), then
runs this again to compile the .mo files raportti reads. English, the code's own
language, gets each message copied as it is. Entries are kept in alphabetical order
without line numbers, so two people adding messages rarely touch the same lines.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "raportti"
LOCALE = PACKAGE / "i18n" / "locale"
DOMAIN = "raportti"
SOURCE_LANGUAGE = "en"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)  # no churn from dates
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None, "Nn_": (1, 2)}


def extracted() -> Catalog:
    """Every message the code says, as a template catalogue."""
    template = Catalog(project="raportti", domain=DOMAIN, creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                       fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        template.add(message, None, [(f"src/raportti/{filename}", lineno)], auto_comments=comments,
                     context=context)
    for text in help_texts():
        template.add(text, None, [("src/raportti/cli", 0)])
    return template


def help_texts() -> list[str]:
    """The commands' and options' help, as click shows it: written as docstrings and
    ``help=`` in the code, translated when the language is known (raportti.cli.app)."""
    import inspect

    sys.path.insert(0, str(ROOT / "src"))
    from raportti.cli.app import COMMANDS, main

    texts = []
    commands = [main, *(main.get_command(None, name) for name in COMMANDS)]  # type: ignore[arg-type]
    for command in commands:
        for thing in (command, *command.params):
            for name in ("help", "short_help"):
                original = thing.__dict__.get(f"_raportti_{name}", getattr(thing, name, None))
                if original:
                    texts.append(inspect.cleandoc(original))
    return texts


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    with open(po_path(language), "rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def write(language: str, catalog: Catalog) -> None:
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, omit_header=False, sort_output=True,
             ignore_obsolete=True, include_previous=False)
    po_path(language).parent.mkdir(parents=True, exist_ok=True)
    po_path(language).write_bytes(out.getvalue())
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    po_path(language).with_suffix(".mo").write_bytes(mo.getvalue())


def update(language: str, template: Catalog) -> list[str]:
    """Merge the code's messages into one catalogue; the messages still to translate."""
    import copy

    catalog = read(language)
    # a copy: Babel puts the template's own message objects into the catalogue
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=False, update_header_comment=False)
    todo = []
    for message in catalog:
        if not message.id:
            continue
        if language == SOURCE_LANGUAGE:
            message.string = message.id
            message.flags.discard("fuzzy")
        elif not _translated(message.string) or message.fuzzy:
            todo.append(message.id if isinstance(message.id, str) else message.id[0])
    write(language, catalog)
    return todo


def _translated(string) -> bool:
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--add", metavar="LANG", help="start a catalogue for this language (e.g. sv)")
    args = parser.parse_args()
    template = extracted()
    if args.add:
        if po_path(args.add).exists():
            print(f"{po_path(args.add)} already exists.", file=sys.stderr)
            return 1
        catalog = Catalog(locale=args.add, domain=DOMAIN, project="raportti", fuzzy=False)
        write(args.add, catalog)
    languages = sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    for language in languages:
        todo = update(language, template)
        print(f"{language}: {len(template)} messages, {len(todo)} to translate", file=sys.stderr)
        for message in todo:
            print(f"  {message!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
