"""The files of a year folder: goals, activities, partners, results, monitoring, plans."""

from __future__ import annotations

import datetime
from typing import Literal, Optional

from pydantic import Field, StrictBool, StrictInt, StrictStr, model_validator

from raportti.i18n.messages import _
from raportti.schema.models.base import Basis, Count, Id, Markdown, Model, Number
from raportti.schema.models.figures import Figures


class Block(Model):
    """A piece of narrative: an optional heading, Markdown text, figures, sub-blocks."""

    id: Optional[Id] = Field(None, description="Tunniste, jolla raporttipohja voi poimia lohkon.")
    title: Optional[StrictStr] = Field(None, description="Lohkon otsikko asiakirjassa.")
    text: Optional[Markdown] = None
    basis: Optional[Basis] = None
    figures: Figures
    sections: list["Block"] = Field(default_factory=list, description="Alalohkot.")


class Narrative(Model):
    """A file made of narrative blocks (activities.yaml, plans.yaml)."""

    intro: Optional[Markdown] = Field(None, description="Teksti ennen ensimmäistä lohkoa.")
    text: Optional[Markdown] = None
    sections: list[Block] = Field(default_factory=list, description="Lohkot järjestyksessä.")
    outro: Optional[Markdown] = Field(None, description="Teksti viimeisen lohkon jälkeen.")
    basis: Optional[Basis] = None
    figures: Figures


class ActivitiesFile(Narrative):
    """activities.yaml: what the project did during the year."""


class PlansFile(Narrative):
    """plans.yaml: what comes next."""


class YearFile(Model):
    """year.yaml: facts about the report year itself."""

    figures_until: Optional[datetime.date] = Field(
        None, description="Päivä, johon asti vuoden luvut on laskettu (jos ennen vuoden loppua)."
    )
    notes: Optional[Markdown] = None
    finances: Optional[Markdown] = Field(None, description="Vuoden talous sanallisesti (toimintakertomuksen Talous).")
    answers: dict[StrictStr, Markdown] = Field(
        default_factory=dict,
        description=("Harkitut vastaukset kysymyksiin, joihin tiedoissa ei muuten ole mitään (esim. 'ei "
                     "muutoksia'): kysymyksen tunniste (id) tai numero ja vastaus, joka näkyy raportissa "
                     "sellaisenaan 'Ei tietoa tästä kohdasta.' -tekstin sijaan."),
        examples=[{"muutokset": "Tavoitteisiin ei tullut muutoksia vuonna 2025."}])
    sections: list[Block] = Field(
        default_factory=list,
        description="Vuoden omat luvut, joille ei ole muuta paikkaa (esim. asiakirjan omasta rakenteesta tehty lomake).")
    figures: Figures


# -- goals ----------------------------------------------------------------------------


class GoalChange(Model):
    """A revision of a goal during its period: a new wording, or dropping it."""

    label: Optional[StrictStr] = Field(
        None, description="Miten muutos esitetään, oletus 'Muutos'.",
        examples=["Muutos sote-uudistuksen kaatumisen jälkeen"],
    )
    text: Optional[Markdown] = Field(None, description="Tavoitteen uusi muotoilu.")
    dropped: StrictBool = Field(False, description="Tavoite jää pois.")
    replaced_by: Optional[Id] = Field(
        None, description="Tavoite tarkentui toiseksi tavoitteeksi: sen tunniste.", examples=["t9"]
    )
    reason: Optional[Markdown] = Field(None, description="Muutoksen tai poisjäännin syy.")

    @model_validator(mode="after")
    def _text_or_dropped(self) -> "GoalChange":
        given = [name for name in ("text", "dropped", "replaced_by") if getattr(self, name)]
        if len(given) > 1:
            raise ValueError(
                _("A change either rewords the goal (text), drops it (dropped: true) or says which goal "
                  "replaces it (replaced_by), not several: this one has {items}.").format(items=', '.join(given)))
        if not given:
            raise ValueError(_("A change needs the new wording (text), 'dropped: true' or 'replaced_by: "
                               "GOAL-ID'."))
        return self


class IndicatorYear(Model):
    """One year of an indicator: what was aimed at and what was reached."""

    year: StrictInt = Field(ge=1900, le=2200, description="Vuosi.")
    target: Optional[Number] = Field(None, description="Tavoitearvo tälle vuodelle.")
    actual: Optional[Number] = Field(None, description="Toteutunut arvo (toteuma).")
    basis: Optional[Basis] = None
    note: Optional[Markdown] = Field(None, description="Selitys, esim. miksi tavoitteeseen ei päästy.")


class Baseline(Model):
    value: Number = Field(description="Lähtötaso.")
    year: StrictInt = Field(ge=1900, le=2200, description="Vuosi, jolta lähtötaso on.")


class Indicator(Model):
    """A measure of a goal (mittari): a unit, a baseline and per year a target and an actual."""

    id: Id
    name: StrictStr = Field(description="Mittarin nimi, esim. 'Tavoitettujen vapaaehtoisten määrä'.")
    unit: Optional[StrictStr] = Field(None, description="Yksikkö, esim. henkilöä, %, kertaa.")
    baseline: Optional[Baseline] = Field(None, description="Lähtötaso ja sen vuosi.")
    basis: Optional[Basis] = None
    years: list[IndicatorYear] = Field(
        default_factory=list, description="Tavoite ja toteuma vuosittain.",
        examples=[[{"year": 2025, "target": 40, "actual": 35}]],
    )

    def for_year(self, year: int) -> Optional[IndicatorYear]:
        for entry in self.years:
            if entry.year == year:
                return entry
        return None


class Goal(Model):
    id: Id
    text: Markdown = Field(description="Tavoitteen muotoilu kauden alussa.")
    level: Optional[StrictStr] = Field(
        None, description="Taso, jolla tavoite toimii (esim. maakunta, kunta, järjestö, yksilö)."
    )
    heading: Optional[StrictStr] = Field(
        None, description="Otsikko, jolla asiakirja esittelee tavoitteen (esim. MAAKUNTATASO)."
    )
    period_label: Optional[StrictStr] = Field(
        None, description="Miten asiakirja nimeää tavoitteen kauden, esim. 'Alatavoitteet 2025'."
    )
    note: Optional[Markdown] = None
    changes: list[GoalChange] = Field(default_factory=list, description="Muutokset kauden aikana.")
    indicators: list[Indicator] = Field(default_factory=list, description="Mittarit.")
    subgoals: list["Goal"] = Field(default_factory=list, description="Alatavoitteet.")
    figures: Figures

    @property
    def current_text(self) -> str:
        """The latest wording."""
        for change in reversed(self.changes):
            if change.text:
                return change.text
        return self.text

    @property
    def is_dropped(self) -> bool:
        return any(change.dropped for change in self.changes)

    @property
    def replaced_by(self) -> Optional[str]:
        """The goal this one was refined into, if it was."""
        for change in reversed(self.changes):
            if change.replaced_by:
                return change.replaced_by
        return None

    def walk(self):
        yield self
        for sub in self.subgoals:
            yield from sub.walk()


class DroppedGoal(Model):
    id: Id = Field(description="Aiemman vuoden tavoite, joka päättyy tähän.")
    replaced_by: Optional[Id] = Field(
        None, description="Tavoite, joksi tämä tarkentui (jos se ei vain jäänyt pois)."
    )
    reason: Optional[Markdown] = Field(None, description="Syy.")


class DroppedPlan(Model):
    """Something planned (e.g. in the grant application) that never became a goal."""

    text: Markdown = Field(description="Mitä suunniteltiin.")
    reason: Optional[Markdown] = Field(None, description="Miksi se jäi pois.")


class GoalsFile(Model):
    """goals.yaml: the goals in force from this year on."""

    intro: Optional[Markdown] = Field(None, description="Miten ja miksi tavoitteita muutettiin.")
    period: Optional[StrictStr] = Field(None, description="Kausi sanallisesti, esim. 2024-2025.")
    goals: list[Goal] = Field(default_factory=list)
    dropped: list[DroppedGoal] = Field(default_factory=list, description="Päättyneet tavoitteet.")
    dropped_plans: list[DroppedPlan] = Field(
        default_factory=list,
        description="Suunnitelmat, jotka jäivät pois ennen kuin niistä tuli tavoitteita.",
    )
    outro: Optional[Markdown] = None
    figures: Figures

    def located(self):
        """``(loc, goal)`` for every goal and sub-goal, depth first; ``loc`` is the path
        in the file (``("goals", 0, "subgoals", 1)``) that problems point at."""

        def walk(goal, loc):
            yield loc, goal
            for k, sub in enumerate(goal.subgoals):
                yield from walk(sub, loc + ("subgoals", k))

        for i, goal in enumerate(self.goals):
            yield from walk(goal, ("goals", i))

    def walk(self):
        for goal in self.goals:
            yield from goal.walk()


# -- results --------------------------------------------------------------------------

Scope = Literal["region", "municipalities"]
Perspective = Literal["employees", "volunteers", "target_group", "partners"]


class Result(Model):
    goals: list[Id] = Field(
        description="Tavoitteet, joita tulos koskee; [] = kaikki tavoitteet.", examples=[["t1"]]
    )
    scope: Optional[Scope] = Field(
        None, description="region = maakunta, municipalities = kunnat."
    )
    perspective: Optional[Perspective] = Field(
        None, description="Kenen näkemys tuloksesta (työntekijät, kohderyhmä, kumppanit)."
    )
    year: Optional[int] = Field(None, description="Vuosi, jota tulos koskee, jos eri kuin kansio.")
    text: Markdown
    basis: Optional[Basis] = None
    figures: Figures


class ResultsFile(Model):
    intro: Optional[Markdown] = None
    results: list[Result] = Field(default_factory=list)
    sections: list[Block] = Field(default_factory=list)
    outro: Optional[Markdown] = None
    basis: Optional[Basis] = None
    figures: Figures


# -- monitoring -----------------------------------------------------------------------


class MonitoringGroup(Model):
    text: Optional[Markdown] = Field(None, description="Miten tietoa kerättiin, keneltä, kuinka monelta.")
    use: Optional[Markdown] = Field(None, description="Miten kerättyä tietoa on hyödynnetty.")
    sections: list[Block] = Field(default_factory=list)
    basis: Optional[Basis] = None
    figures: Figures


class MonitoringGroups(Model):
    employees: Optional[MonitoringGroup] = Field(None, description="Työntekijät.")
    volunteers: Optional[MonitoringGroup] = Field(None, description="Vapaaehtoiset.")
    target_group: Optional[MonitoringGroup] = Field(None, description="Kohderyhmä.")
    partners: Optional[MonitoringGroup] = Field(None, description="Yhteistyökumppanit.")


class SurveyExport(Model):
    """A survey's export, kept in the year folder as it came from the survey tool."""

    file: StrictStr = Field(
        description="Vientitiedosto vuoden kansiossa (.xlsx tai .csv), esim. 'osallistujakysely.xlsx'.")
    invited: Optional[Count] = Field(None, description="Kuinka monelle kysely lähetettiin (vastausprosenttia varten).")
    label: Optional[StrictStr] = Field(None, description="Kyselyn nimi raportissa.")
    basis: Optional[Basis] = Field(None, description="Oletus: collected (kerätty).")
    public: StrictBool = Field(
        False, description="true: tiedosto saa olla julkisessa versionhallinnassa (siinä ei ole henkilötietoja).")


class MonitoringFile(Model):
    intro: Optional[Markdown] = None
    surveys: dict[Id, SurveyExport] = Field(
        default_factory=dict,
        description="Kyselyjen vientitiedostot nimettyinä; luvut lasketaan niistä: {survey: nimi, compute: …}.")
    groups: MonitoringGroups = Field(default_factory=MonitoringGroups)
    sections: list[Block] = Field(default_factory=list)
    outro: Optional[Markdown] = None
    basis: Optional[Basis] = None
    figures: Figures


# -- partners -------------------------------------------------------------------------


class Partner(Model):
    name: StrictStr
    kind: Optional[StrictStr] = Field(None, description="Kumppanin laji, esim. kunta, järjestö.")
    cooperation: Optional[Markdown] = Field(
        None, description="Yhteistyön muoto: mitä kumppanin kanssa tehtiin tulosten saavuttamiseksi.",
        examples=["Ohjasi asiakkaita toimintaan ja tarjosi tilat ryhmille."],
    )
    note: Optional[Markdown] = None


class Reach(Model):
    """How many of a target group the year's activity meant to reach, and reached."""

    group: StrictStr = Field(description="Kohderyhmä, esim. 'Ikääntyneet omaishoitajat'.")
    planned: Optional[Count] = Field(None, description="Suunniteltu määrä.")
    reached: Optional[Count] = Field(None, description="Tavoitettu määrä.")
    unit: Optional[StrictStr] = Field(None, description="Yksikkö, oletus henkilöä.")
    basis: Optional[Basis] = None
    note: Optional[Markdown] = None


class PartnersFile(Model):
    text: Optional[Markdown] = None
    target_group: Optional[Markdown] = Field(None, description="Kohderyhmä ja sen muutokset.")
    reach: list[Reach] = Field(
        default_factory=list, description="Kohderyhmien tavoittaminen: suunniteltu ja toteutunut.",
    )
    named: list[Partner] = Field(default_factory=list, description="Nimetyt kumppanit.")
    sections: list[Block] = Field(default_factory=list)
    basis: Optional[Basis] = None
    figures: Figures


#: File name (without .yaml) → model. The order is the order files are read in.
FILE_KINDS: dict[str, type[Model]] = {
    "year": YearFile,
    "goals": GoalsFile,
    "activities": ActivitiesFile,
    "partners": PartnersFile,
    "results": ResultsFile,
    "monitoring": MonitoringFile,
    "plans": PlansFile,
}
