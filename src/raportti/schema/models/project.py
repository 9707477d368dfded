"""project.yaml: the facts about a project that do not change from year to year."""

from __future__ import annotations

import datetime
from typing import Optional, Union

from pydantic import Field, StrictInt, StrictStr, field_validator, model_validator

from raportti.i18n.messages import _
from raportti.schema.models.base import Amount, Count, Markdown, Model, Number
from raportti.schema.models.figures import Figures


class Range(Model):
    """A value stated as a range, e.g. person-years "2,05–2,5"."""

    min: Number = Field(description="Pienin arvo.")
    max: Number = Field(description="Suurin arvo.")

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min > self.max:
            raise ValueError(_("min ({min}) is greater than max ({max}).").format(min=self.min, max=self.max))
        return self


class Period(Model):
    start: Union[datetime.date, StrictInt] = Field(
        description="Hankkeen alku: päivämäärä (2024-09-01) tai vuosi.", examples=["2024-01-01"]
    )
    end: Union[datetime.date, StrictInt] = Field(
        description="Hankkeen loppu: päivämäärä tai vuosi.", examples=["2026-12-31"]
    )


class SteeringGroup(Model):
    name: Optional[StrictStr] = Field(None, description="Ohjausryhmän nimi.")
    members: Optional[Count] = Field(None, description="Jäsenten määrä.")


class Staff(Model):
    """Staff of one year."""

    year: StrictInt = Field(ge=1900, le=2200, description="Vuosi.")
    employees: Optional[Count] = Field(
        None, description="Montako työntekijää hankkeessa on työskennellyt."
    )
    separate_employees: Optional[Count] = Field(
        None, description="Montako erillistä työntekijää hankkeella on työskennellyt."
    )
    person_years: Optional[Union[Number, Range]] = Field(
        None, description="Henkilötyövuodet: luku tai {min, max}."
    )
    notes: Optional[Markdown] = Field(None, description="Lisätietoja henkilöstöstä.")


class Grant(Model):
    """The funder's grant for one year."""

    year: StrictInt = Field(ge=1900, le=2200, description="Vuosi.")
    amount: Union[Count, Amount] = Field(description="Avustus euroina.")
    kind: Optional[StrictStr] = Field(
        None, description="Avustuksen laji.",
        examples=["kohdennettu toiminta-avustus (Ak)", "projektiavustus (C)", "yleisavustus (A)"],
    )
    note: Optional[Markdown] = None


class ReportInfo(Model):
    """What belongs to one report rather than to the project: its date and names."""

    date: Optional[datetime.date] = Field(
        None, description="Tämän raportin päivämäärä (muuten report_date).", examples=["2026-03-31"]
    )
    project_name: Optional[StrictStr] = Field(
        None,
        description="Hankkeen nimi tässä raportissa, jos se kirjoitetaan eri tavalla kuin name.",
    )
    author: Optional[StrictStr] = Field(
        None, description="Raportin laatija (muuten hallinnoiva järjestö)."
    )
    year: Optional[StrictInt] = Field(
        None, ge=1900, le=2200,
        description="Vuosi, jota raportti koskee (muuten lomakkeen vuosi tai viimeisin vuosikansio).",
    )


class Project(Model):
    """The project's stable facts."""

    schema_version: StrictInt = Field(
        description="Tietomuodon versio. Tämä raportti-versio lukee versiota 1.", examples=[1]
    )
    language: Optional[StrictStr] = Field(
        None,
        description=(
            "Kieli, jolla raportti-ohjelma puhuu hankkeen koordinaattorille (viestit, ohjeet): "
            "fi tai en. Ei vaikuta raportin sisältöön. Oletus: koneen kieliasetus."
        ),
        examples=["fi"],
    )
    name: StrictStr = Field(
        description="Hankkeen nimi sellaisena kuin se raporteissa kirjoitetaan.",
        examples=["Järjestöt yhdessä"],
    )
    organisation: StrictStr = Field(
        description="Hallinnoiva järjestö.", examples=["Esimerkkiyhdistys ry"]
    )
    sub_projects: list[StrictStr] = Field(
        default_factory=list, description="Osaprojektit: niitä toteuttavat järjestöt."
    )
    funder: Optional[StrictStr] = Field(None, description="Rahoittaja.")
    funding_note: Optional[Markdown] = Field(None, description="Lisätieto rahoituksesta.")
    grants: list[Grant] = Field(default_factory=list, description="Avustus vuosittain euroina ja sen laji.")
    programme: Optional[StrictStr] = Field(None, description="Avustusohjelma.")
    period: Optional[Period] = Field(None, description="Hankkeen kesto.")
    locations: list[StrictStr] = Field(default_factory=list, description="Toimipaikat.")
    steering_group: Optional[SteeringGroup] = Field(None, description="Ohjausryhmä.")
    report_date: Optional[datetime.date] = Field(
        None, description="Raportin päivämäärä (näkyy asiakirjan tiedoissa)."
    )
    default_report: Optional[StrictStr] = Field(
        None, description="Oletusraporttipohja, esim. loppuraportti."
    )
    reports: dict[StrictStr, ReportInfo] = Field(
        default_factory=dict,
        description=(
            "Raporttikohtaiset tiedot raporttipohjan nimen mukaan: päivämäärä, hankkeen nimi "
            "ja laatija siinä raportissa."
        ),
        examples=[{"toimintakertomus": {"date": "2026-03-31", "project_name": "Järjestöt yhdessä -hanke"}}],
    )
    person_years: Optional[Union[Number, Range]] = Field(
        None, description="Henkilötyövuodet koko hankkeelle: luku tai {min, max}."
    )
    person_years_text: Optional[Markdown] = Field(
        None, description="Henkilöresurssi sanallisesti, esim. 'vuosittain vaihdellen …'."
    )
    staff: list[Staff] = Field(default_factory=list, description="Henkilöstö vuosittain.")
    description: Optional[Markdown] = Field(None, description="Hankkeen kuvaus.")
    keywords: list[StrictStr] = Field(default_factory=list, description="Asiasanat.")
    figures: Figures

    @field_validator("language")
    @classmethod
    def _spoken(cls, value: Optional[str]) -> Optional[str]:
        from raportti.i18n.messages import available

        if value is not None and value not in available():
            raise ValueError(_("raportti has no messages in the language '{language}'; it speaks: "
                               "{available}.")
                             .format(language=value, available=", ".join(available())))
        return value

    def report_info(self, form_name: str) -> ReportInfo:
        """One report's date and names, each falling back to the project's own."""
        given = self.reports.get(form_name) or ReportInfo()
        return ReportInfo.model_construct(
            date=given.date or self.report_date,
            project_name=given.project_name or self.name,
            author=given.author or self.organisation,
            year=given.year,
        )

    def grant_for(self, year: int) -> Optional[Grant]:
        for grant in self.grants:
            if grant.year == year:
                return grant
        return None

    def staff_for(self, year: int) -> Optional[Staff]:
        for entry in self.staff:
            if entry.year == year:
                return entry
        return None
