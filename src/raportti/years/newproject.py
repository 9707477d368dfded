"""Starting a project from nothing (``raportti init``).

Writes ``project.yaml``, a first year folder with every file, and the editor schemas
into ``.raportti/schemas/`` inside the project, so the files' schema lines
(``$schema=../.raportti/schemas/goals.schema.json``) resolve wherever the project is
copied or cloned, and match the raportti that wrote them.

Every part of every file carries a short Finnish comment saying what it is for and,
for the chosen report structure, which of its questions it answers (read from the
form's templates by ``datamap``, so the comments follow the form). Texts hold a
"Tähän tulee …" placeholder, which ``validate`` reports as unfinished and the built
document shows in place, so the first build already shows where each text lands.
Figures are left empty (``validate`` warns about each). Nothing existing is ever
overwritten.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from raportti.i18n.messages import _
from raportti.report.datamap import QuestionData, question_data, question_name
from raportti.report.forms import Form, find_form, load_form
from raportti.schema.models import FILE_KINDS, Project
from raportti.source.scratch import scratch
from raportti.problems import UserError
from raportti.report.jsonschema import json_schemas, render_schema

SCHEMA_FOLDER = Path(".raportti") / "schemas"
PLACEHOLDER_NAME = "Hankkeen nimi"
PLACEHOLDER_ORGANISATION = "Järjestön nimi ry"
PREFERRED_REPORTS = ("toimintakertomus", "loppuraportti")


@dataclass
class NewProject:
    """What ``start_project`` wrote."""

    root: Path
    year: int
    report: str
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # schema files already there, left alone


def default_report(names: list[str]) -> Optional[str]:
    for name in PREFERRED_REPORTS:
        if name in names:
            return name
    return names[0] if names else None


def start_project(root: Path, *, name: str, organisation: str, year: int, report: str,
                  language: str | None = None) -> NewProject:
    """Write a new project into ``root`` (made if missing). Raises UserError when the
    folder already holds a project or the year folder, or the report is unknown."""
    if (root / "project.yaml").exists():
        raise UserError(
            _("'{root}' already has a project.yaml; init never overwrites a project. To start a new year "
              "in it, run: raportti new-year {root} {year}").format(root=root, year=year))
    if root.exists() and not root.is_dir():
        raise UserError(_("'{root}' is a file, not a folder.").format(root=root))
    if (root / str(year)).exists():
        raise UserError(_("'{value}' already exists; init never overwrites a year folder.").format(value=root / str(year)))
    folder = find_form(report, root if root.is_dir() else None)
    form = load_form(folder)
    subtitle, questions = question_data(form, folder)
    if subtitle:  # the title page counts as a place the data shows
        from raportti.report.forms import Question

        questions = [QuestionData(Question(id="alaotsikko", text="asiakirjan alaotsikko", answer="-"),
                                  "", subtitle), *questions]
    writer = _Files(form, questions, year, name, organisation, language)

    files: dict[Path, str] = {Path("project.yaml"): writer.project() + writer.also_read("project")}
    for kind in ("year", "goals", "activities", "partners", "results", "monitoring", "plans"):
        text = getattr(writer, f"{kind}_file")()
        files[Path(str(year)) / f"{kind}.yaml"] = text + writer.also_read(kind, text)
    made = NewProject(root=root, year=year, report=form.name)
    for schema_name, schema in json_schemas().items():
        path = SCHEMA_FOLDER / schema_name
        if (root / path).exists():
            made.kept.append(root / path)
        else:
            files[path] = render_schema(schema)
    _write_new(root, files)
    made.written = [root / p for p in files]
    return made


def _write_new(root: Path, files: dict[Path, str]) -> None:
    """Write every file or none, never replacing one: each is made in a temporary file
    and linked into place, which fails if the name was taken meanwhile."""
    root.mkdir(parents=True, exist_ok=True)
    made_dirs: list[Path] = []
    linked: list[Path] = []
    try:
        # Each file is written whole in this run's scratch folder (raportti.source.scratch,
        # removed however the run ends) and linked into place.
        with scratch(root) as place:
            for number, (relative, text) in enumerate(files.items()):
                target = root / relative
                for parent in reversed(relative.parents[:-1]):
                    if not (root / parent).exists():
                        (root / parent).mkdir()
                        made_dirs.append(root / parent)
                tmp = place / f"{number}.tmp"
                with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                    out.write(text)
                os.chmod(tmp, 0o666 & ~_umask())
                try:
                    os.link(tmp, target)
                except FileExistsError:
                    raise UserError(_("'{target}' appeared while init was writing; nothing was written.").format(target=target)) from None
                except OSError:  # a file system without hard links
                    if target.exists():
                        raise UserError(_("'{target}' already exists; nothing was written.").format(target=target)) from None
                    os.replace(tmp, target)
                linked.append(target)
    except BaseException:
        for path in reversed(linked):
            path.unlink(missing_ok=True)
        for folder in reversed(made_dirs):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _q(text: str) -> str:
    """A YAML scalar that is always read as the text given (double-quoted)."""
    return json.dumps(text, ensure_ascii=False)


class _Files:
    """The text of each file, with comments naming the form's questions."""

    def __init__(self, form: Form, questions: list[QuestionData], year: int, name: str, organisation: str,
                 language: str | None = None):
        self.language = language
        self.form = form
        self.questions = questions
        self.year = year
        self.name = name
        self.organisation = organisation

    # which questions read what

    def asks(self, kind: str, key: str = "", questions: list[QuestionData] | None = None) -> list[str]:
        """Labels of the questions that read ``key`` (or something below it) of ``kind``
        in this project's first year (of this form, or of ``questions``)."""
        found: list[str] = []
        for item in self.questions if questions is None else questions:
            for reading in item.readings:
                if reading.kind != kind:
                    continue
                if reading.years is not None and not reading.years.covers(self.year, self.year):
                    continue
                keys = [k.split("[", 1)[0] if "[" in k.split(".", 1)[0] else k for k in reading.keys]
                if not key or any(k == key or k.startswith(key + ".") or key.startswith(k + ".")
                                  for k in keys):
                    label = self.label(item)
                    if label not in found:
                        found.append(label)
        return found

    def other_forms(self) -> dict[str, list[QuestionData]]:
        """The questions of every other report structure there is, by its name (read
        from their templates as for this form, once)."""
        if getattr(self, "_others", None) is None:
            from raportti.report.forms import available_forms

            self._others = {}
            for name in available_forms():
                if name != self.form.name:
                    folder = find_form(name)
                    self._others[name] = question_data(load_form(folder), folder)[1]
        return self._others

    def label(self, item: QuestionData) -> str:
        text = question_name(item)
        return text if len(text) <= 70 else text[:69].rstrip() + "…"

    def note(self, kind: str, key: str, indent: str = "") -> str:
        """Comment lines naming the questions, or nothing."""
        labels = self.asks(kind, key)
        if not labels:
            others = [name for name, questions in self.other_forms().items() if self.asks(kind, key, questions)]
            if others:
                return (f"{indent}# Lomake {self.form.name} ei käytä tätä kohtaa; sitä käyttävät: "
                        f"{', '.join(others)} ('raportti reports NIMI' kertoo kysymykset).\n")
            return f"{indent}# Mikään raporttipohja ei käytä tätä kohtaa.\n"
        if len(labels) == 1:
            return f"{indent}# Lomakkeella {self.form.name}: {labels[0]}\n"
        lines = [f"{indent}# Lomakkeella {self.form.name}:"] + [f"{indent}#   - {label}" for label in labels]
        return "\n".join(lines) + "\n"

    def also_read(self, kind: str, text: str = "") -> str:
        """Comment lines for the keys the form reads from this file that the file as
        written does not have (a form's own additions: reach, indicators, grants …),
        each with the data format's description, so nothing the form asks is hidden."""
        if kind == "project":
            text = self.project()
        try:
            written = _yaml_data(text)
        except Exception:  # the files written here are always YAML; never fail on a comment
            return ""
        model = Project if kind == "project" else FILE_KINDS[kind]
        missing: dict[str, list[str]] = {}  # the first key not written → what is read below it
        for item in self.questions:
            for reading in item.readings:
                if reading.kind != kind or (reading.years is not None
                                            and not reading.years.covers(self.year, self.year)):
                    continue
                for key in reading.keys:
                    path = [step.split("[", 1)[0] for step in key.split(".")]
                    if kind == "project" and path[0] == "reports":
                        continue  # written by the user when a report needs its own date or name
                    for end in range(1, len(path) + 1):
                        if not _has_path(written, path[:end]):
                            below = missing.setdefault(" → ".join(path[:end]), [])
                            if end < len(path) and path[end] not in below:
                                below.append(path[end])
                            break
        if not missing:
            return ""
        lines = []
        for key, below in missing.items():
            inner = f" ({', '.join(below)})" if below else ""
            lines.append(f"#   {key}{inner}: {_describe(model, key.split(' → '))}")
        return (
            f"\n# Lomake {self.form.name} lukee tästä tiedostosta myös nämä kohdat, joita yllä ei\n"
            "# ole. Lisää ne, jos ne koskevat hanketta (muoto: docs/data-format.md; editori\n"
            "# täydentää avainsanat):\n" + "\n".join(lines) + "\n"
        )

    def selected_blocks(self, kind: str) -> list[tuple[str, str]]:
        """Blocks the form picks by id from this file and shows the text of: (id, the
        label of the question most about it, i.e. the one reading least else)."""
        found: dict[str, tuple[int, str]] = {}
        for item in self.questions:
            size = sum(len(r.keys) for r in item.readings)
            for reading in item.readings:
                if reading.kind != kind:
                    continue
                for key in reading.keys:
                    head, _, rest = key.partition(".")
                    if head.startswith("sections[id=") and rest == "text":
                        block = head[len("sections[id="):-1]
                        if block not in found or size < found[block][0]:
                            found[block] = (size, self.label(item))
        return [(block, label) for block, (_, label) in found.items()]

    def header(self, kind: str, lines: list[str]) -> str:
        schema = f"# yaml-language-server: $schema=../{SCHEMA_FOLDER.as_posix()}/{kind}.schema.json\n"
        body = "".join(f"# {line}\n" if line else "#\n" for line in lines)
        return schema + body

    # the files

    def project(self) -> str:
        y = self.year
        return (
            f"# yaml-language-server: $schema={SCHEMA_FOLDER.as_posix()}/project.schema.json\n"
            "# Hankkeen perustiedot: asiat, jotka eivät muutu vuodesta toiseen.\n"
            "# Pakollisia ovat vain schema_version, name ja organisation; muut voi jättää tyhjiksi\n"
            "# tai poistaa. Vuosittaiset tiedot ovat vuosikansioissa (esim. "
            f"{y}/goals.yaml).\n"
            "# Tekstit ovat Markdownia. Käyttöopas: docs/opas/ (raportti-ohjelman kotisivulla).\n"
            "\n"
            "# Tietomuodon versio. Älä muuta.\n"
            "schema_version: 1\n"
            "\n"
            + ("# Kieli, jolla raportti-ohjelma puhuu sinulle (viestit ja ohjeet): fi tai en.\n"
               f"language: {self.language}\n\n" if self.language else "") +
            "# Hankkeen nimi sellaisena kuin raportit sen kirjoittavat.\n"
            + self.note("project", "name") +
            f"name: {_q(self.name)}\n"
            "\n"
            "# Hallinnoiva järjestö.\n"
            + self.note("project", "organisation") +
            f"organisation: {_q(self.organisation)}\n"
            "\n"
            "# Osaprojektit: järjestöt, jotka toteuttavat hanketta kanssanne. Yksi rivi kutakin:\n"
            "#   sub_projects:\n"
            "#     - Esimerkkiyhdistys ry\n"
            + self.note("project", "sub_projects") +
            "sub_projects: []\n"
            "\n"
            "# Rahoittaja, vapaa lisätieto rahoituksesta ja avustusohjelma (jos on).\n"
            + self.note("project", "funder") +
            "funder: Sosiaali- ja terveysjärjestöjen avustuskeskus STEA\n"
            "funding_note:\n"
            "programme:\n"
            "\n"
            "# Hankkeen kesto, esim. {start: 2026-01-01, end: 2028-12-31}.\n"
            "period:\n"
            "\n"
            "# Toimipaikat, esim. [Tampere, Kangasala].\n"
            "locations: []\n"
            "\n"
            "# Ohjausryhmä, esim. {name: Ohjausryhmä, members: 9}.\n"
            "steering_group:\n"
            "\n"
            "# Raportin päivämäärä (näkyy Word-tiedoston tiedoissa), esim. 2026-10-15.\n"
            "report_date:\n"
            "\n"
            "# Raporttipohja, jonka 'raportti build' tekee, kun et anna --report-valintaa.\n"
            "# 'raportti reports' luettelee pohjat; 'raportti reports NIMI' näyttää, mistä\n"
            "# tiedoista kunkin kysymyksen vastaus tehdään.\n"
            f"default_report: {self.form.name}\n"
            + self.report_year() +
            "\n"
            "# Henkilötyövuodet koko hankkeelle, jos ne ilmoitetaan yhtenä lukuna tai välinä,\n"
            "# ja sama sanallisesti (person_years_text), jos raportti kirjoittaa sen niin.\n"
            + self.note("project", "person_years") +
            "person_years:\n"
            "person_years_text:\n"
            "\n"
            "# Henkilöstö vuosittain: työntekijät, erilliset työntekijät, henkilötyövuodet\n"
            "# (luku tai {min: 2.05, max: 2.5}) ja lisätiedot (Markdown).\n"
            + self.note("project", "staff") +
            "staff:\n"
            f"  - year: {y}\n"
            "    employees:\n"
            "    separate_employees:\n"
            "    person_years:\n"
            "    notes:\n"
            "\n"
            "# Hankkeen tarkoitus lyhyesti (Markdown) ja asiasanat.\n"
            + self.note("project", "description") +
            "description: Tähän tulee hankkeen tarkoitus muutamalla lauseella.\n"
            "keywords: []\n"
            "\n"
            "# Koko hankkeen luvut, esim. lähtötasot. Teksti viittaa niihin {project.nimi}.\n"
            "figures: {}\n"
        )

    def report_year(self) -> str:
        """A ``reports:`` entry that makes the form report on this project's first year,
        when the form names another year and this raportti lets a project choose."""
        if self.form.year in (None, self.year) or not year_choosable():
            return ""
        return (
            f"# {self.form.name} koskee muuten vuotta {self.form.year}; tämä hanke raportoi vuodesta "
            f"{self.year}.\n"
            f"reports:\n  {self.form.name}:\n    year: {self.year}\n"
        )

    def year_file(self) -> str:
        return self.header("year", [
            f"Vuoden {self.year} tiedot. Kaikki kohdat ovat vapaaehtoisia.",
        ]) + (
            "\n"
            "# Jos vuoden luvut on laskettu vain johonkin päivään asti, se päivä, esim. "
            f"{self.year}-08-31.\n"
            "figures_until:\n"
            "\n"
            "# Muistiinpanot vuodesta (Markdown; raporttipohja voi käyttää niitä).\n"
            "notes:\n"
            "\n"
            "# Harkitut vastaukset kysymyksiin, joihin tiedoissa ei ole tänä vuonna mitään: kysymyksen\n"
            "# tunniste tai numero ('raportti reports NIMI' näyttää ne) ja vastaus, joka näkyy raportissa\n"
            "# sellaisenaan 'Ei tietoa tästä kohdasta.' -tekstin sijaan, esim.\n"
            f"#   muutokset: Tavoitteisiin ei tullut muutoksia vuonna {self.year}.\n"
            "answers: {}\n"
        )

    def goals_file(self) -> str:
        return self.header("goals", [
            f"Tavoitteet, jotka ovat voimassa vuodesta {self.year} alkaen, kunnes jonkin myöhemmän",
            "vuoden goals.yaml kirjoittaa ne uudelleen (muuttuneet, uudet ja pois jääneet).",
            "Jokaisella tavoitteella on pysyvä tunniste (id): tulokset (results.yaml) viittaavat",
            "tavoitteisiin sillä. Tunnisteessa saa olla kirjaimia a-z ja A-Z, numeroita, - ja _.",
        ]) + (
            "\n"
            "# Miten ja miksi tavoitteita muutettiin (Markdown, vapaaehtoinen).\n"
            + self.note("goals", "intro") +
            "intro:\n"
            "\n"
            "# Päätavoitteet alatavoitteineen. Lisää tavoite kopioimalla '- id: …' -kohta\n"
            "# ja sen alla olevat rivit samalla sisennyksellä.\n"
            + self.note("goals", "goals") +
            "goals:\n"
            "  - id: paatavoite\n"
            "    text: Tähän tulee hankkeen päätavoite.\n"
            "    subgoals:\n"
            "      - id: alatavoite-1\n"
            "        text: Tähän tulee ensimmäinen alatavoite.\n"
            "      - id: alatavoite-2\n"
            "        text: Tähän tulee toinen alatavoite.\n"
        )

    def narrative(self, kind: str, lines: list[str], title: str, text: str, figure: Optional[str]) -> str:
        blocks = self.selected_blocks(kind)
        out = self.header(kind, lines) + (
            "\n"
            "# Johdanto ennen ensimmäistä lohkoa (Markdown, vapaaehtoinen).\n"
            + self.note(kind, "intro") +
            "intro:\n"
            "\n"
            "# Lohkot: kullakin otsikko (title), teksti (text, Markdown), luvut (figures)\n"
            "# ja alalohkot (sections). Pysyvä id auttaa vertaamaan vuosia (raportti diff).\n"
            + self.note(kind, "sections") +
            "sections:\n"
            f"  - id: {_slug(title)}\n"
            f"    title: {_q(title)}\n"
            f"    text: |\n      {text}\n"
        )
        if figure:
            out += (
                "    # Luvut: nimi ja arvo. Tekstissä {nimi} näyttää luvun. Tyhjä arvo = ei vielä\n"
                "    # täytetty (validate muistuttaa, raportissa lukee [täydennä: nimi]).\n"
                "    figures:\n"
                f"      {figure}:\n"
            )
        for block_id, label in blocks:
            out += (
                f"  # Lomake {self.form.name} poimii tämän lohkon tunnisteella {block_id}: {label}\n"
                f"  - id: {block_id}\n"
                f"    text: Tähän tulee teksti kohtaan {_q(label)}.\n"
            )
        out += (
            "\n"
            "# Lopputeksti viimeisen lohkon jälkeen (Markdown, vapaaehtoinen).\n"
            "outro:\n"
        )
        return out

    def activities_file(self) -> str:
        return self.narrative("activities", [
            f"Mitä hankkeessa tehtiin vuonna {self.year}: toiminta lohkoina (esim. hallinnointi,",
            "valmennukset, tapahtumat). Kuvaa mitä tehtiin, kuinka paljon, kenen kanssa ja kuka teki.",
        ], "Hankkeen toiminta",
            "Tähän tulee kuvaus toiminnasta. Tapahtumia järjestettiin {tapahtumat} kertaa.",
            "tapahtumat")

    def plans_file(self) -> str:
        return self.narrative("plans", [
            "Suunnitelmat: miten hanke ja sen toiminta jatkuvat.",
        ], "Jatkosuunnitelmat", "Tähän tulee kuvaus siitä, miten toiminta jatkuu.", None)

    def partners_file(self) -> str:
        return self.header("partners", [
            f"Yhteistyökumppanit ja kohderyhmä vuonna {self.year}.",
        ]) + (
            "\n"
            "# Yhteistyöstä sanallisesti (Markdown).\n"
            + self.note("partners", "text") +
            "text:\n"
            "\n"
            "# Kohderyhmä ja miten se on muuttunut (Markdown).\n"
            + self.note("partners", "target_group") +
            "target_group: Tähän tulee kuvaus kohderyhmästä.\n"
            "\n"
            "# Nimetyt kumppanit: nimi, laji (esim. kunta, järjestö) ja yhteistyön muoto.\n"
            + self.note("partners", "named") +
            "# 'raportti diff' kertoo, ketkä tulivat mukaan tai jäivät pois.\n"
            "#   named:\n"
            "#     - name: Tampereen kaupunki\n"
            "#       kind: kunta\n"
            + ("#       cooperation: Yhteiset tapahtumat kylätuvilla\n"
               if _has_field("partners", "named", "cooperation") else "")
            + "named: []\n"
            "\n"
            "# Kumppanien määrä. Jos lähde ilmoittaa summan ja osat, kirjoita molemmat:\n"
            "#   partner_count: {total: 68, parts: {kunnat: 27, jarjestot: 41}}\n"
            "# validate kertoo, jos osat eivät täsmää summaan.\n"
            "figures:\n"
            "  partner_count:\n"
        )

    def results_file(self) -> str:
        blocks = self.selected_blocks("results")
        out = self.header("results", [
            f"Tulokset vuonna {self.year}: mitä toiminnalla saatiin aikaan (muutos, kehitys), ei",
            "tekemistä tai tapahtumien määriä. Jokainen tulos kertoo, mihin tavoitteisiin se liittyy.",
        ]) + (
            "\n"
            "# Johdanto tuloksiin (Markdown, vapaaehtoinen).\n"
            + self.note("results", "intro") +
            "intro:\n"
            "\n"
            "# Yksi tulos kohdallaan:\n"
            "#   goals:       tavoitteiden tunnisteet goals.yaml:sta; [] = koskee kaikkia tavoitteita\n"
            "#   scope:       region (maakunta) tai municipalities (kunnat); jätä pois, jos ei kumpikaan\n"
            "#   perspective: kenen näkemys: employees (työntekijät), volunteers (vapaaehtoiset),\n"
            "#                target_group (kohderyhmä), partners (kumppanit); jätä pois käytännön\n"
            "#                tuloksista\n"
            "#   text:        tulos (Markdown)\n"
            + self.note("results", "results") +
            "results:\n"
            "  - goals: [alatavoite-1]\n"
            "    text: Tähän tulee tulos, joka liittyy ensimmäiseen alatavoitteeseen.\n"
        )
        if blocks:
            out += "\n# Lohkot, jotka lomake poimii tunnisteella (id).\nsections:\n"
            for block_id, label in blocks:
                out += (
                    f"  # {label}\n"
                    f"  - id: {block_id}\n"
                    f"    text: Tähän tulee teksti kohtaan {_q(label)}.\n"
                )
        return out

    def monitoring_file(self) -> str:
        groups = [("employees", "työntekijöiltä"), ("volunteers", "vapaaehtoisilta"),
                  ("target_group", "kohderyhmältä"), ("partners", "yhteistyökumppaneilta")]
        out = self.header("monitoring", [
            f"Seuranta- ja arviointitieto vuonna {self.year}: keneltä tietoa kerättiin ja miten, kuinka",
            "monelta kysyttiin ja kuinka moni vastasi, ja miten tietoa hyödynnettiin.",
            "Vastausmäärät ja keskiarvot ovat lukuja: {responded: 7, asked: 24} näkyy 7/24,",
            "{mean: 3.3, scale: 4} näkyy 3,3/4.",
        ]) + "\ngroups:\n"
        for key, whom in groups:
            out += (
                f"  # Tiedon kerääminen {whom}.\n"
                + self.note("monitoring", f"groups.{key}", "  ") +
                f"  {key}:\n"
                f"    text: Tähän tulee, miten seuranta- ja arviointitietoa kerättiin {whom}.\n"
                "    use:   # miten kerättyä tietoa hyödynnettiin (Markdown)\n"
            )
        return out


def _yaml_data(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)


def _has_path(data, path: list[str]) -> bool:
    """Whether the written data has ``path`` (through lists: in any item)."""
    if not path:
        return True
    if isinstance(data, list):  # an empty list: its items are the user's to add
        return not data or any(_has_path(item, path) for item in data)
    if isinstance(data, dict) and path[0] in data:
        return _has_path(data[path[0]], path[1:]) or data[path[0]] is None
    return False


def _describe(model, path: list[str]) -> str:
    """The data format's own description of a key (the models' Finnish help texts)."""
    from raportti.report.datamap import _models_in

    description = ""
    for name in path:
        info = model.model_fields.get(name) if model is not None else None
        if info is None:
            break
        description = info.description or ""
        inner = _models_in(info.annotation)
        model = inner[0] if inner else None
    return description or "ks. docs/data-format.md"


def _has_field(kind: str, *path: str) -> bool:
    from raportti.report.datamap import _models_in

    model = FILE_KINDS[kind]
    for name in path:
        info = model.model_fields.get(name) if model is not None else None
        if info is None:
            return False
        inner = _models_in(info.annotation)
        model = inner[0] if inner else None
    return True


def year_choosable() -> bool:
    """Whether project.yaml's ``reports:`` entries may set the year reported on."""
    from raportti.schema.models.project import Project

    info = Project.model_fields.get("reports")
    if info is None:
        return False
    from raportti.report.datamap import _models_in

    models = _models_in(info.annotation)
    return bool(models) and "year" in models[0].model_fields


def _slug(title: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a", " ": "-"})
    return "".join(c for c in title.lower().translate(table) if c.isalnum() or c == "-") or "lohko"


def this_year() -> int:
    return datetime.date.today().year
