"""Report structures ("forms"): a folder under templates/ with form.yaml and Jinja files.

A new STEA form is a new folder; no Python changes. Forms are looked up in the
project's own ``templates/`` folder first, then among the built-in ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional, Union

from pydantic import Field, StrictBool, StrictInt, StrictStr, model_validator

from raportti.i18n.messages import _
from raportti.schema.models.base import Model
from raportti.i18n.suggestions import suggestion
from raportti.problems import DataError, Problem, UsageError, UserError
from raportti.schema.errors import validate_source
from raportti.source.reader import read_source

FORM_FILE = "form.yaml"
COMMON = "_common"
NO_DATA = "Ei tietoa tästä kohdasta."


class QuestionRules(Model):
    """Rules a form sets for an answer; ``validate --report`` checks them."""

    max_length: Optional[StrictInt] = Field(None, ge=1, description="Vastauksen enimmäispituus merkkeinä.")
    no_links: StrictBool = Field(False, description="Vastauksessa ei saa olla linkkejä.")
    required: StrictBool = Field(False, description="Vastaus vaaditaan.")
    no_personal_data: StrictBool = Field(
        False, description="Vastauksessa ei saa olla henkilötunnuksia, puhelinnumeroita eikä henkilökohtaisia sähköpostiosoitteita."
    )
    bases: list[Literal["goals", "activities", "partners", "results", "monitoring"]] = Field(
        default_factory=list,
        description=(
            "Raporttivuoden tiedostot, joiden jokaiselle luvulle (mittarille, tavoittamisluvulle) "
            "lomake vaatii perusteen: kerätty tieto, otos vai arvio (basis)."
        ),
        examples=[["activities", "partners"]],
    )


class ImportRule(Model):
    """Where ``raportti import`` puts a question's answer: the place its template reads."""

    to: Union[StrictStr, list[StrictStr]] = Field(
        description="Paikka tiedoissa: tiedosto ja polku, esim. 'monitoring.groups.employees.text', "
                    "'project.staff[year={year}].employees' tai 'results.sections[id=opitut]'.",
        examples=["monitoring.groups.employees.text"])
    year: StrictInt = Field(0, description="Vuosi suhteessa lomakkeen vuoteen (-1 = edellinen vuosi).")
    as_: Literal["text", "line", "number", "list", "lines", "blocks", "years", "goals", "results",
                 "rows", "indicators", "generated"] = Field(
        "text", alias="as",
        description="Miten vastaus luetaan: text (Markdown), line (yksi rivi), number, list (rivit listaksi), "
                    "lines (rivi kuhunkin paikkaan), blocks (otsikoidut lohkot), years (vuosittain), "
                    "goals (numeroidut tavoitteet), results (tulokset tavoitteittain), rows (taulukon rivit "
                    "luetteloksi, sarakkeet columns-kohdan mukaan), indicators (mittaritaulukot "
                    "tavoitteiden otsikoiden alla), generated "
                    "(pohja tekee tämän muista tiedoista).")
    otherwise: Optional[StrictStr] = Field(
        None, description="Paikka, johon vastaus menee tekstinä, jos sitä ei voi lukea pyydetyllä tavalla.")
    titled: StrictBool = Field(False, description="years: kunkin vuoden teksti yhdeksi otsikoiduksi lohkoksi.")
    before: StrictBool = Field(False, description="years: vain lomakkeen vuotta edeltävät vuodet.")
    headings: Optional[StrictStr] = Field(
        None, description="results: paikka, johon asiakirjan omat otsikot tavoitteiden tuloksille kirjoitetaan "
                          "lohkoina (id = tavoitteen id, title = otsikko), jos pohja lukee ne sieltä.")
    parts: dict[StrictStr, StrictStr] = Field(
        default_factory=dict,
        description="Vastauksen väliotsikot ja paikat, joihin kunkin otsikon alla oleva teksti menee; muu "
                    "teksti menee kohtaan to.",
        examples=[{"Työntekijät": "monitoring.groups.employees.text"}])
    fields: dict[StrictStr, StrictStr] = Field(
        default_factory=dict,
        description="Rivit 'Nimi: arvo' ja paikat, joihin arvo menee (luetteloksi pilkuista, jos paikka on "
                    "luettelo); muut rivit luetaan kuten as sanoo.",
        examples=[{"Rahoittaja": "project.funder", "Toimipaikat": "project.locations"}])
    columns: dict[StrictStr, StrictStr] = Field(
        default_factory=dict,
        description="rows: taulukon sarakeotsikot ja kentät, joihin kunkin rivin arvot menevät.",
        examples=[{"Kohderyhmä": "group", "Suunniteltu": "planned", "Tavoitettu": "reached"}])
    all_goals: StrictBool = Field(
        False, description="results: tulokset, joiden yläpuolella ei ole tavoitteen otsikkoa, koskevat kaikkia "
                           "tavoitteita (muuten ne ovat johdantoa).")
    note: Optional[StrictStr] = Field(
        None, description="generated: mitä tehdä tekstille, jota raportti ei kirjoita samoin (esim. minne "
                          "luvut kirjataan); näkyy jäljelle jääneen tekstin tiedostossa ja tuonnin yhteenvedossa.")
    aliases: list[StrictStr] = Field(
        default_factory=list,
        description="Muita sanamuotoja, joilla järjestöt otsikoivat tämän kysymyksen (tuonti tunnistaa ne).",
        examples=[["Mitä teimme", "Toimintamme"]])
    own_lines: list[StrictStr] = Field(
        default_factory=list,
        description="Rivit, jotka pohja kirjoittaa itse ({year} = vuosi); niitä ei tuoda tietoihin.",
        examples=[["Vuoden {year} tavoitteet:"]])


class Question(Model):
    number: Optional[StrictInt] = Field(None, description="Kysymyksen numero lomakkeella.")
    id: Optional[StrictStr] = Field(None, description="Tunniste, jos kysymyksellä ei ole numeroa.")
    text: StrictStr = Field(description="Kysymyksen teksti täsmälleen lomakkeen mukaan.")
    sub: StrictBool = Field(False, description="Numeroimaton alakysymys.")
    template: Optional[StrictStr] = Field(None, description="Vastauksen Jinja-tiedosto.")
    answer: Optional[StrictStr] = Field(None, description="Vastauksen Jinja lyhyenä merkkijonona.")
    rules: QuestionRules = Field(default_factory=QuestionRules)
    import_: Optional[ImportRule] = Field(
        None, alias="import", description="Minne raportti import vie vastauksen (sama paikka, josta pohja sen lukee).")

    @model_validator(mode="after")
    def _one_answer(self) -> "Question":
        if (self.template is None) == (self.answer is None):
            raise ValueError(_("A question needs exactly one of 'template' (a Jinja file) or 'answer' (inline Jinja)."))
        return self

    @property
    def label(self) -> str:
        if self.number is not None:
            return f"{self.number}."
        return self.id or self.text[:40]


class Section(Model):
    heading: StrictStr
    aliases: list[StrictStr] = Field(
        default_factory=list, description="Muita sanamuotoja, joilla järjestöt otsikoivat tämän luvun (tuonti).")
    instructions: Optional[StrictStr] = None
    questions: list[Question] = Field(default_factory=list)


class Contents(Model):
    """A table of contents the Word document gets after its title page."""

    title: StrictStr = Field("Sisällys", description="Sisällysluettelon otsikko.")
    from_pages: StrictInt = Field(
        6, ge=1,
        description=(
            "Sisällysluettelo tehdään, kun raportista tulee arviolta vähintään näin monta sivua "
            "(noin 3 000 merkkiä sivulla); lyhyt raportti jää ilman."
        ),
    )

    def wanted(self, markdown: str) -> bool:
        """Whether a report of this Markdown is long enough for the contents."""
        return 1 + len(markdown) / CHARACTERS_PER_PAGE >= self.from_pages


# About this much Markdown fills an A4 page of a built report (measured on the examples:
# 2 400 characters on a page of tables, 3 300 on one of running text).
CHARACTERS_PER_PAGE = 3000


class Form(Model):
    name: StrictStr
    title: StrictStr
    subtitle: Optional[StrictStr] = Field(None, description="Alaotsikko (Jinja).")
    year: Optional[StrictInt] = Field(None, description="Raporttivuosi, jota lomake koskee.")
    description: Optional[StrictStr] = None
    layout: StrictStr = Field("document.md.j2", description="Koko asiakirjan Jinja-pohja.")
    no_data: StrictStr = Field(NO_DATA, description="Teksti kysymykselle, jolla ei ole tietoja.")
    contents: Optional[Contents] = Field(
        None,
        description=(
            "Word-asiakirjan sisällysluettelo otsikkosivun jälkeen (luvut ja kysymykset), "
            "kun raportti on pitkä. Esim. {title: Sisällys, from_pages: 6}."
        ),
    )
    sections: list[Section] = Field(default_factory=list)

    def questions(self):
        for section in self.sections:
            yield from section.questions


def builtin_templates() -> Path:
    """The templates shipped with raportti (installed, or the source checkout's)."""
    installed = Path(__file__).parents[1] / "_data" / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


def search_path(project_root: Path | None) -> list[Path]:
    paths = []
    if project_root is not None and (project_root / "templates").is_dir():
        paths.append(project_root / "templates")
    paths.append(builtin_templates())
    return paths


def available_forms(project_root: Path | None = None) -> list[str]:
    names: set[str] = set()
    for folder in search_path(project_root):
        names.update(p.parent.name for p in folder.glob(f"*/{FORM_FILE}"))
    return sorted(names)


def find_form(name: str, project_root: Path | None = None) -> Path:
    """The folder of the form called ``name``; a path to a folder also works."""
    candidate = Path(name)
    if (candidate / FORM_FILE).is_file():
        return candidate
    for folder in search_path(project_root):
        if (folder / name / FORM_FILE).is_file():
            return folder / name
    forms = available_forms(project_root)
    message = _("No report structure called '{name}'.").format(name=name) + suggestion(name, forms)
    if forms:
        message += f" Available: {', '.join(forms)}."
    raise UsageError(message)


def load_form(folder: Path) -> Form:
    source, problems = read_source(folder / FORM_FILE, folder)
    if source is None:
        raise DataError(problems)
    form, found = validate_source(source, Form)
    problems = [*problems, *found]
    if form is not None:
        for question in form.questions():
            if question.template and not (folder / question.template).is_file():
                i = _question_index(form, question)
                problems.append(source.problem(
                    ("sections", i[0], "questions", i[1], "template"),
                    _("The template file '{template}' does not exist in {folder}.").format(template=question.template, folder=folder),
                    code="missing-template"))
    errors = [p for p in problems if p.is_error]
    if errors or form is None:
        raise DataError(errors or [Problem(_("The report structure could not be read."), file=folder / FORM_FILE)])
    return form


def _question_index(form: Form, question: Question) -> tuple[int, int]:
    for i, section in enumerate(form.sections):
        for j, q in enumerate(section.questions):
            if q is question:
                return i, j
    return 0, 0


def output_stem(form, year: int | None) -> str:
    """The documents' file name without its suffix: a yearly form's carries its year
    (tuloksellisuusraportti-2025), so two years' reports never overwrite each other; a
    form made for one year (a one-off survey, loppuraportti) keeps its own name."""
    return f"{form.name}-{year}" if form.year is None and year is not None else form.name
