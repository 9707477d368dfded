"""Messages in the coordinator's language: how the language is chosen, the gettext
catalogues (complete, compiled, in step with the code), and validate in Finnish."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from raportti.checks.running import check_project
from raportti.cli.app import main
from raportti.i18n import messages
from raportti.i18n.messages import available, choose, locale_language, project_language
from test_broken_inputs import CASES, PROJECT, make_project

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "raportti"
LOCALE = SRC / "i18n" / "locale"


# -- choosing the language ----------------------------------------------------------------


def test_the_language_from_the_locale():
    assert locale_language({"LANG": "fi_FI.UTF-8"}) == "fi"
    assert locale_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert locale_language({"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}) == "c"
    assert choose(environ={"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}) == "en"
    assert choose(environ={"RAPORTTI_LANG": "fi", "LANG": "C"}) == "fi"
    assert choose(environ={}) == "en"
    assert choose(environ={"LANG": "de_DE.UTF-8"}) == "en"  # no German catalogue: English


def test_the_language_is_chosen_in_order_lang_environment_project_locale(tmp_path):
    finnish = make_project(tmp_path / "fi", {"project.yaml": PROJECT + "language: fi\n"})
    english = make_project(tmp_path / "en", {"project.yaml": PROJECT + "language: en  # English\n"})
    plain = make_project(tmp_path / "plain", {})
    assert project_language(finnish) == "fi" and project_language(english) == "en"
    assert project_language(finnish / "project.yaml") == "fi"
    assert project_language(plain) is None
    (finnish / "2019").mkdir()
    assert project_language(finnish / "2019" / "goals.yaml") == "fi"  # a file inside the project
    locale_en = {"LANG": "en_US.UTF-8"}
    assert choose(None, finnish, locale_en) == "fi"  # the project over the locale
    assert choose(None, english, {"LANG": "fi_FI.UTF-8"}) == "en"
    assert choose(None, plain, {"LANG": "fi_FI.UTF-8"}) == "fi"  # no language: the locale
    assert choose(None, finnish, {"RAPORTTI_LANG": "en", **locale_en}) == "en"  # the environment over it
    assert choose("en", finnish, {"RAPORTTI_LANG": "fi"}) == "en"  # --lang over everything


def test_a_finnish_project_speaks_finnish_without_being_asked(tmp_path, monkeypatch):
    monkeypatch.delenv("RAPORTTI_LANG")
    root = make_project(tmp_path / "p", {"project.yaml": PROJECT + "language: fi\norganization: x\n"})
    result = CliRunner().invoke(main, ["validate", str(root)], env={"LC_ALL": "C", "RAPORTTI_LANG": ""})
    assert "virhe: organization: Tuntematon kenttä 'organization'" in result.output
    assert result.output.rstrip().endswith("ei kunnossa (1 virhe, 0 varoitusta).")
    built = CliRunner().invoke(main, ["build", str(root), "--lang", "en"])
    assert "Unknown field 'organization'" in built.output and "Stopped: 1 error." in built.output


def test_help_and_clicks_own_words_in_finnish():
    runner = CliRunner()
    helped = " ".join(runner.invoke(main, ["--lang", "fi", "--help"]).output.split())
    assert helped.startswith("Käyttö: ") and "Komennot:" in helped and "Valinnat:" in helped
    assert "Tarkista yhden tai useamman hankkeen" in helped and "Näytä tämä ohje ja lopeta." in helped
    wrong = runner.invoke(main, ["build", "--formt", "md", "--lang", "fi"])
    assert wrong.exit_code == 2 and "Valintaa '--formt' ei ole." in wrong.output
    english = " ".join(runner.invoke(main, ["build", "--help"]).output.split())
    assert "Build a report of PROJECT" in english and "Show this message and exit." in english


def test_a_new_language_needs_a_catalogue_and_no_code(tmp_path, monkeypatch):
    """A Swedish association copies a catalogue, translates it, compiles it: --lang sv works."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    (locale / "fi").rename(locale / "sv")
    mo = locale / "sv" / "LC_MESSAGES" / "raportti.mo"
    catalog = gettext.GNUTranslations(mo.open("rb"))._catalog  # type: ignore[attr-defined]
    assert catalog["Wrote {path}"] == "Kirjoitettu {path}"
    monkeypatch.setattr(messages, "LOCALE_DIR", str(locale))
    monkeypatch.setattr(messages, "_translations", {})
    assert available() == ("en", "sv")
    assert choose(environ={"LANG": "sv_FI.UTF-8"}) == "sv"
    messages.use("sv")
    assert messages._("Wrote {path}") == "Kirjoitettu {path}"


# -- the catalogues -------------------------------------------------------------------------


def _script():
    spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _po(language: str):
    from babel.messages.pofile import read_po

    with open(LOCALE / language / "LC_MESSAGES" / "raportti.po", "rb") as file:
        return read_po(file, locale=language)


def _key(message) -> tuple:
    return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))


def test_fi_and_en_are_shipped():
    assert {"en", "fi"} <= set(available())


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_message_of_the_code_is_in_the_catalogue_translated(language):
    """A sentence added to the code without its translation fails here: run
    'python scripts/messages.py', translate the new msgstr lines, run it again."""
    said = {_key(m) for m in _script().extracted() if m.id}
    catalogue = _po(language)
    have = {_key(m) for m in catalogue if m.id}
    assert sorted(said - have, key=str) == [], "not in the catalogue: run python scripts/messages.py"
    assert sorted(have - said, key=str) == [], "no longer in the code: run python scripts/messages.py"
    untranslated = [m.id for m in catalogue if m.id and (m.fuzzy or not all(
        [m.string] if isinstance(m.string, str) else m.string))]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_compiled_catalogue_is_the_po_file(language):
    """raportti reads the .mo; it must say what the .po says."""
    with open(LOCALE / language / "LC_MESSAGES" / "raportti.mo", "rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    expected = {}
    for m in _po(language):
        if not m.id:
            continue
        prefix = f"{m.context}\x04" if m.context else ""
        if isinstance(m.id, str):
            expected[prefix + m.id] = m.string
        else:
            for i, form in enumerate(m.string):
                expected[(prefix + m.id[0], i)] = form
    compiled = {k: v for k, v in compiled.items() if k != ""}
    assert compiled == expected, "run python scripts/messages.py to compile the .po files"


_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)(?:![rs])?(?::[^{}]*)?\}(?!\})")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_translations_keep_the_placeholders(language):
    """A translation fills in the same values ({path}, {n}) as the English, no others
    (help texts are shown as they are: their braces are no values)."""
    help_texts = set(_script().help_texts())
    for m in _po(language):
        if not m.id or m.id in help_texts:
            continue
        if isinstance(m.id, str):
            assert set(_FIELD.findall(m.string)) == set(_FIELD.findall(m.id)), m.id
        else:
            allowed = set(_FIELD.findall(m.id[0])) | set(_FIELD.findall(m.id[1]))
            for form in m.string:
                assert set(_FIELD.findall(form)) <= allowed, m.id
            assert set(_FIELD.findall(m.string[-1])) == set(_FIELD.findall(m.id[1])), m.id


def test_only_plain_text_goes_into_the_catalogue():
    """``_(f"…")`` or ``_(a + b)`` would look up a text no catalogue has."""
    wrong = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext", "pgettext", "N_", "Nn_")):
                texts = node.args[:1] if node.func.id == "_" or node.func.id == "N_" else node.args[:2]
                if not texts or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


def test_no_message_is_translated_at_import():
    """A module-level ``_()`` runs before the language is chosen: always English."""
    early = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inside.update(id(child) for child in ast.walk(node) if child is not node)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext", "pgettext") and id(node) not in inside):
                early.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert early == [], "use N_() there, and _() where the text is shown"


def test_no_function_hides_the_translating_underscore():
    """``first, _ = …`` makes ``_`` a local name in the whole function: its ``_()`` then fails."""
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
              ast.GeneratorExp)

    def own(node):  # the nodes of one scope, without those of the scopes inside it
        for child in ast.iter_child_nodes(node):
            yield child
            if not isinstance(child, scopes):
                yield from own(child)

    hidden = []
    for path in SRC.rglob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            nodes = list(own(function))
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                        for n in ast.walk(function))
            binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in nodes)
            if calls and binds:
                hidden.append(f"{path.relative_to(ROOT)}:{function.lineno} {function.name}")
    assert hidden == []


# -- validate in Finnish ----------------------------------------------------------------------


def test_validate_in_finnish(tmp_path):
    root = make_project(tmp_path / "p", {
        "project.yaml": PROJECT + "organization: x\n",
        "2019/goals.yaml": "goals:\n  - id: t1\n    text: Päätavoite: parempi arki\n",
        "2019/plans.yaml": "figures:\n  months: 9\ntext: |\n  Avustus {month} kuukaudelle.\n"})
    result = CliRunner().invoke(main, ["validate", str(root), "--lang", "fi"])
    out = result.output
    assert result.exit_code == 1
    assert ("project.yaml:4:1: virhe: organization: Tuntematon kenttä 'organization'. "
            "Tarkoititko 'organisation'?") in out
    assert ("2019/goals.yaml:3:21: virhe: Tiedosto ei ole kelvollista YAMLia: kohdan 'text:' tekstissä on ': '"
            in out)
    assert "virhe: text: Tuntematon luku 'month' viittauksessa {month}. Tarkoititko 'months'?" in out
    assert out.rstrip().endswith("ei kunnossa (3 virhettä, 0 varoitusta).")
    empty = make_project(tmp_path / "tyhja", {"project.yaml": ""})
    result = CliRunner().invoke(main, ["validate", str(empty), "--lang", "fi"])
    assert "virhe: project.yaml on tyhjä. Siinä pitää olla vähintään nämä rivit:" in result.output
    assert result.output.rstrip().endswith("ei kunnossa (1 virhe, 0 varoitusta).")
    english = CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "en"}).output
    assert "Unknown field 'organization'" in english and "Tuntematon" not in english
    assert "Tuntematon kenttä" in CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "",
                                                      "LC_ALL": "", "LC_MESSAGES": "", "LANG": "fi_FI.UTF-8"}).output


def test_warnings_in_finnish(tmp_path):
    root = make_project(tmp_path / "p", {
        "2019/plans.yaml": "text: 'Suunnitelma LUONNOS'\n",
        "2019/partners.yaml": "figures:\n  p:\n    total: 68\n    parts: {a: 27, b: 30, c: 12}\n"})
    result = CliRunner().invoke(main, ["validate", str(root), "--lang", "fi"])
    assert result.exit_code == 0
    assert "varoitus: text: Keskeneräisyyden merkki 'LUONNOS': teksti on kesken." in result.output
    assert ("varoitus: figures.p.total: Ilmoitettu yhteensä-luku 68 ei ole osiensa summa: 27 + 30 + 12 = 69 "
            "(ero -1).") in result.output
    assert result.output.rstrip().endswith(": kunnossa (2 varoitusta).")
