"""The files of a year folder: goals, activities, partners, results, monitoring, plans."""

from __future__ import annotations

import datetime
from typing import Literal, Optional

from pydantic import Field, StrictBool, StrictStr, model_validator

from raportti.models.base import Id, Markdown, Model
from raportti.models.figures import Figures


class Block(Model):
    """A piece of narrative: an optional heading, Markdown text, figures, sub-blocks."""

    id: Optional[Id] = Field(None, description="Tunniste, jolla raporttipohja voi poimia lohkon.")
    title: Optional[StrictStr] = Field(None, description="Lohkon otsikko asiakirjassa.")
    text: Optional[Markdown] = None
    figures: Figures
    sections: list["Block"] = Field(default_factory=list, description="Alalohkot.")


class Narrative(Model):
    """A file made of narrative blocks (activities.yaml, plans.yaml)."""

    intro: Optional[Markdown] = Field(None, description="Teksti ennen ensimmäistä lohkoa.")
    text: Optional[Markdown] = None
    sections: list[Block] = Field(default_factory=list, description="Lohkot järjestyksessä.")
    outro: Optional[Markdown] = Field(None, description="Teksti viimeisen lohkon jälkeen.")
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
    reason: Optional[Markdown] = Field(None, description="Muutoksen tai poisjäännin syy.")

    @model_validator(mode="after")
    def _text_or_dropped(self) -> "GoalChange":
        if self.dropped and self.text:
            raise ValueError("A change either rewords the goal (text) or drops it (dropped: true), not both.")
        if not self.dropped and not self.text:
            raise ValueError("A change needs the new wording (text) or 'dropped: true'.")
        return self


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

    def walk(self):
        yield self
        for sub in self.subgoals:
            yield from sub.walk()


class DroppedGoal(Model):
    id: Id = Field(description="Aiemman vuoden tavoite, joka päättyy tähän.")
    reason: Optional[Markdown] = Field(None, description="Syy.")


class GoalsFile(Model):
    """goals.yaml: the goals in force from this year on."""

    intro: Optional[Markdown] = Field(None, description="Miten ja miksi tavoitteita muutettiin.")
    period: Optional[StrictStr] = Field(None, description="Kausi sanallisesti, esim. 2024-2025.")
    goals: list[Goal] = Field(default_factory=list)
    dropped: list[DroppedGoal] = Field(default_factory=list, description="Päättyneet tavoitteet.")
    outro: Optional[Markdown] = None
    figures: Figures

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
    figures: Figures


class ResultsFile(Model):
    intro: Optional[Markdown] = None
    results: list[Result] = Field(default_factory=list)
    sections: list[Block] = Field(default_factory=list)
    outro: Optional[Markdown] = None
    figures: Figures


# -- monitoring -----------------------------------------------------------------------


class MonitoringGroup(Model):
    text: Optional[Markdown] = Field(None, description="Miten tietoa kerättiin, keneltä, kuinka monelta.")
    use: Optional[Markdown] = Field(None, description="Miten kerättyä tietoa on hyödynnetty.")
    sections: list[Block] = Field(default_factory=list)
    figures: Figures


class MonitoringGroups(Model):
    employees: Optional[MonitoringGroup] = Field(None, description="Työntekijät.")
    volunteers: Optional[MonitoringGroup] = Field(None, description="Vapaaehtoiset.")
    target_group: Optional[MonitoringGroup] = Field(None, description="Kohderyhmä.")
    partners: Optional[MonitoringGroup] = Field(None, description="Yhteistyökumppanit.")


class MonitoringFile(Model):
    intro: Optional[Markdown] = None
    groups: MonitoringGroups = Field(default_factory=MonitoringGroups)
    sections: list[Block] = Field(default_factory=list)
    outro: Optional[Markdown] = None
    figures: Figures


# -- partners -------------------------------------------------------------------------


class Partner(Model):
    name: StrictStr
    kind: Optional[StrictStr] = Field(None, description="Kumppanin laji, esim. kunta, järjestö.")
    note: Optional[Markdown] = None


class PartnersFile(Model):
    text: Optional[Markdown] = None
    target_group: Optional[Markdown] = Field(None, description="Kohderyhmä ja sen muutokset.")
    named: list[Partner] = Field(default_factory=list, description="Nimetyt kumppanit.")
    sections: list[Block] = Field(default_factory=list)
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
