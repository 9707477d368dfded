"""``raportti diff``: goals, figures and partners between two years, and against git."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap

import pytest
from click.testing import CliRunner

from conftest import PP, VS, minimal_project
from raportti.cli.app import main


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


# -- the example ----------------------------------------------------------------------------


def test_example_2018_to_2019_lists_partner_total_and_goal_revisions():
    result = run("diff", PP, 2018, 2019)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.splitlines()[1] == (
        "66 figures changed, 57 new figures, 17 figures left out, 9 new goals, 7 goals reworded or moved, "
        "3 goals dropped, 29 new results, 36 results left out, 10 new partners, 1 new section, "
        "1 section left out, 19 texts changed and 10 new texts.")
    assert "Yhteistyökumppanit › total: 96 → 104 (+8; +8,3 %)" in out
    # the 2019 goals: new main goals, old goals as reworded sub-goals, drops with reasons
    assert "    - Järjestöystävällinen kunta ja maakunta tunnistaa ja tunnustaa järjestöt" in out
    assert ("(now a sub-goal of “Järjestöystävällinen kunta ja maakunta tunnistaa ja tunnustaa järjestöt …”, "
            "was a main goal)") in out
    assert "      Muutos sote-uudistuksen kaatumisen jälkeen:\n" in out
    assert "        Now: Järjestöjen tekemän työn monipuolisuus on yhdessä järjestöjen kanssa kirjattu " \
           "maakunta- ja kuntatason asiakirjoihin\n" in out
    assert "    - Maakunta on velvoittanut sopimuksissaan sote-palv.tuottajat yhteistyöhön järjestöjen kanssa " \
           "(reason: maakuntaa ei tule; dropped during the year)" in out
    assert "tiedonhaussa (no reason given)" in out
    assert "    + Pohjois-Pohjanmaan sairaanhoitopiiri\n" in out
    assert "Tiimin kokoontumiset: 76 → 63 (-13; -17,1 %)" in out
    # monitoring.yaml is new in 2019: its ratios are shown as response rates
    assert "Yhdistysagenttien seurantakysely 2018 (vastanneet/koulutetut agentit): 7/24 (29,2 %)" in out


def test_example_shows_only_what_changed_by_default():
    out = run("diff", PP, 2018, 2019).output
    assert "(±0)" not in out
    assert "Yhteistyökumppanit › total: 96 → 104" in out  # changed
    assert "Aiesopimuksella sitoutuneet organisaatiot" not in out
    everything = run("diff", PP, 2018, 2019, "--all").output
    # The part's label names it (without one, the words of the text around it would).
    assert "Yhteistyökumppanit › Aiesopimuksella sitoutuneet organisaatiot: 27 → 27 (±0)" in everything
    # (Results are paired by content: a rewritten result is one left out and one new,
    # its figures not compared with another result's.)
    assert everything.count("(±0)") == 8


def test_example_numbers_are_written_the_finnish_way():
    out = run("diff", PP, 2018, 2019).output
    assert "Oman FB-sivun näyttökerrat: 77 081 → 58 988 (-18 093; -23,5 %)" in out
    assert "Twitter-näyttökerrat: 367 600 → 89 318 (-278 282; -75,7 %)" in out
    assert "15/27 (55,6 %)" in out
    values = [line.rsplit(": ", 1)[1] for line in out.split("\nTexts")[0].splitlines()
              if " → " in line and line.startswith("    ")]
    assert len(values) > 50
    assert not [v for v in values if re.search(r"\d[.]\d|\d{4}|\d%", v)]


def test_example_names_figures_by_labels_not_keys():
    """A figure without a label is named by the words of the text that uses it, or as the
    reports' tables name a known part."""
    out = run("diff", PP, 2018, 2019, "--all", "--lang", "fi").output
    for key in ("letter_of_intent", "meet_others", "› total", "total.meetings", "› municipalities",
                "› meetings", "› participations"):
        assert key not in out
    assert ("Merkittävimmät hankkeen saavutukset järjestöyhdyshenkilöiden mukaan (vastaajia) › "
            "\"tavata muita järjestöyhdyshenkilöitä … vastaajaa\": 18 → 19 (+1; +5,6 %)") in out
    assert "Yhteistyötapaamiset › Järjestötapaamiset › tapaamiset: 17 → 7 (-10; -58,8 %)" in out


def test_example_a_line_is_shown_once():
    out = run("diff", PP, 2018, 2019).output
    lines = [line for line in out.splitlines() if line.startswith("    ") and " → " in line]
    assert len(lines) == len(set(lines))



def test_example_a_mean_keeps_its_scale():
    out = run("diff", VS, 2019, 2020, "--all").output
    assert re.search(r": \d,\d/[45] → \d,\d/[45]", out) or re.search(r": \d,\d/[45]\n", out), out


def test_example_years_with_the_same_goals_say_so():
    result = run("diff", PP, 2017, 2018)
    assert result.exit_code == 0, result.output
    assert "Goals" not in result.output  # nothing changed there
    assert "No change: both years follow the same goals." in run("diff", PP, 2017, 2018, "--all").output
    assert "Yhteistyökumppanit › total: 68 → 96 (+28; +41,2 %)" in result.output


def test_json_names_figures_by_identity():
    result = run("diff", PP, 2018, 2019, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    figures = {f["key"]: f for f in data["figures"]}
    total = figures["partners.partner_count.total"]
    assert (total["old"], total["new"], total["status"]) == (96, 104, "changed")
    assert (total["difference"], total["percent"], total["label"]) == (8, 8.3, "Yhteistyökumppanit › total")
    assert figures["activities.hallinnointi.team_meetings"]["old"] == 76
    rate = figures["monitoring.volunteers.agent_survey_2018"]
    assert rate["status"] == "added" and rate["new"] == {"responded": 7, "asked": 24, "rate": 29.2}
    assert {g["id"] for g in data["goals"]["dropped"]} == {"t4", "t6", "t8"}
    partners = [i for i in data["items"] if i["kind"] == "partner"]
    assert partners[0] == {"key": "partners.named", "topic": "partners", "kind": "partner", "status": "added",
                           "name": "Pohjois-Pohjanmaan sairaanhoitopiiri", "texts": []}


# -- one change of each kind ----------------------------------------------------------------


@pytest.fixture
def two_years(tmp_path):
    root = minimal_project(tmp_path / "p")
    write(root / "2020" / "goals.yaml", """
        goals:
          - id: g1
            text: Kunnat tuntevat järjestöt
          - id: g2
            text: Järjestöt tekevät yhteistyötä
          - id: g3
            text: Väliaikainen tavoite
        """)
    write(root / "2020" / "activities.yaml", """
        sections:
          - id: hallinto
            title: Hallinto
            text: Kokouksia {team_meetings}.
            figures:
              team_meetings: {value: 76, label: Tiimin kokoukset}
              retired: 5
        """)
    write(root / "2020" / "partners.yaml", """
        named:
          - name: Kaupunki
          - name: Sairaanhoitopiiri
        figures:
          partner_count: {label: Kumppanit, total: 96, parts: {municipalities: 29, other: 67}}
        """)
    write(root / "2020" / "monitoring.yaml", """
        groups:
          volunteers:
            figures:
              survey: {responded: 7, asked: 24, label: Kysely}
        """)
    write(root / "2021" / "goals.yaml", """
        goals:
          - id: main
            text: Järjestöystävällinen kunta
            subgoals:
              - id: g1
                text: Kunnat tuntevat järjestöt
                changes:
                  - label: Muutos kesken vuoden
                    text: Kunnat tuntevat ja tunnustavat järjestöt
                    reason: kunnat pyysivät
          - id: g2
            text: Järjestöt tekevät yhteistyötä
            changes:
              - dropped: true
                reason: rahoitus päättyi
        dropped:
          - id: g3
            reason: ei enää ajankohtainen
        """)
    write(root / "2021" / "activities.yaml", """
        sections:
          - id: hallinto
            title: Hallinto
            text: Kokouksia {team_meetings}.
            figures:
              team_meetings: {value: 52, label: Tiimin kokoukset}
              brand_new: 3
        """)
    write(root / "2021" / "partners.yaml", """
        named:
          - name: Kaupunki
          - name: Liitto
        figures:
          partner_count: {label: Kumppanit, total: 104, parts: {municipalities: 29, other: 75}}
        """)
    write(root / "2021" / "monitoring.yaml", """
        groups:
          volunteers:
            figures:
              survey: {responded: 15, asked: 27, label: Kysely}
        """)
    return root


def test_a_figure_change_shows_old_new_and_difference(two_years):
    out = run("diff", two_years, 2020, 2021).output
    assert "Tiimin kokoukset: 76 → 52 (-24; -31,6 %)" in out
    assert "municipalities" not in out
    assert "Kumppanit › municipalities: 29 → 29 (±0)" in run("diff", two_years, 2020, 2021, "--all").output
    assert "Only in 2021 (1):\n    Brand new: 3" in out
    assert "Only in 2020 (1):\n    Retired: 5" in out
    assert "Kysely: 7/24 (29,2 %) → 15/27 (55,6 %) (+26,4 %-yks.)" in out


def test_a_goal_change_shows_wording_reason_hierarchy_and_drops(two_years):
    out = run("diff", two_years, 2020, 2021).output
    assert "New goals (1):\n    - Järjestöystävällinen kunta\n" in out
    assert ("    - Kunnat tuntevat ja tunnustavat järjestöt (now a sub-goal of “Järjestöystävällinen kunta”, "
            "was a main goal)\n"
            "      Muutos kesken vuoden (reason: kunnat pyysivät):\n"
            "        Before: Kunnat tuntevat järjestöt\n"
            "        Now: Kunnat tuntevat ja tunnustavat järjestöt\n") in out
    assert "    - Järjestöt tekevät yhteistyötä (reason: rahoitus päättyi; dropped during the year)" in out
    assert "    - Väliaikainen tavoite (reason: ei enää ajankohtainen)" in out


def test_a_partner_change_shows_names_and_counts(two_years):
    out = run("diff", two_years, 2020, 2021).output
    assert "  New in 2021 (1):\n    + Liitto\n" in out
    assert "  Not reported in 2021 (1):\n    - Sairaanhoitopiiri\n" in out
    assert "Kumppanit › total: 96 → 104 (+8; +8,3 %)" in out


def test_an_empty_figure_is_shown_as_empty(two_years):
    path = two_years / "2021" / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{value: 52, label: Tiimin kokoukset}", ""),
                    encoding="utf-8")
    out = run("diff", two_years, 2020, 2021).output
    assert "Tiimin kokoukset: 76 → (empty)" in out


# -- wrong use --------------------------------------------------------------------------------


def test_a_missing_year_is_a_plain_error():
    result = run("diff", PP, 2016, 2019)
    assert result.exit_code == 2
    assert "There is no year folder 2016" in result.output and "Did you mean 2017?" in result.output
    assert "Traceback" not in result.output


def test_two_years_are_needed_without_since():
    result = run("diff", PP, 2019)
    assert result.exit_code == 2
    assert "Give two YEARS" in result.output


def test_since_needs_one_year():
    result = run("diff", PP, 2018, 2019, "--since", "HEAD")
    assert result.exit_code == 2


# -- against a git revision -------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


@needs_git
def test_since_compares_the_working_tree_with_a_revision(two_years, tmp_path):
    repo = tmp_path
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "submitted")
    git(repo, "tag", "submitted")
    path = two_years / "2021" / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 52", "value: 60"), encoding="utf-8")
    result = run("diff", two_years, 2021, "--since", "submitted")
    assert result.exit_code == 0, result.output
    assert "p: 2021 at submitted → 2021 now (with uncommitted changes)" in result.output.replace(str(two_years), "p")
    assert result.output.splitlines()[1] == "1 figure changed."
    assert "Tiimin kokoukset: 52 → 60 (+8; +15,4 %)" in result.output
    assert "Goals" not in result.output and "Text" not in result.output
    git(tmp_path, "commit", "-q", "-am", "later")
    result = run("diff", two_years, 2021, "--since", "submitted")
    assert "p: 2021 at submitted → 2021 now\n" in result.output.replace(str(two_years), "p")


@needs_git
def test_since_an_unknown_revision_is_a_plain_error(two_years, tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    git(tmp_path, "tag", "submitted")
    result = run("diff", two_years, 2021, "--since", "submited")
    assert result.exit_code == 2
    assert "no commit, branch or tag 'submited'" in result.output and "Did you mean 'submitted'?" in result.output


@needs_git
def test_since_a_tag_not_made_yet_says_how_to_make_it(two_years, tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    result = run("diff", two_years, 2021, "--since", "v1.0")
    assert result.exit_code == 2
    assert "It has no tags yet: tag the commit of what you submit (git tag v1.0)." in result.output


@needs_git
def test_since_outside_a_repository_is_a_plain_error(two_years):
    result = CliRunner().invoke(main, ["diff", str(two_years), "2021", "--since", "HEAD"],
                                env={"GIT_CEILING_DIRECTORIES": str(two_years.parent)})
    assert result.exit_code == 1
    assert "is not in a git repository" in result.output
    assert "Traceback" not in result.output


@needs_git
def test_since_shows_only_the_goal_changes_made_since(two_years, tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "submitted")
    path = two_years / "2021" / "goals.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "            reason: kunnat pyysivät\n",
        "            reason: kunnat pyysivät\n"
        "          - text: Kunnat tuntevat ja tunnustavat järjestöt hyvin\n"
        "            reason: syksyn arviointi\n"), encoding="utf-8")
    result = run("diff", two_years, 2021, "--since", "HEAD")
    assert result.exit_code == 0, result.output
    assert ("    - Kunnat tuntevat ja tunnustavat järjestöt hyvin\n"
            "      Change (reason: syksyn arviointi):\n"
            "        Before: Kunnat tuntevat ja tunnustavat järjestöt\n"
            "        Now: Kunnat tuntevat ja tunnustavat järjestöt hyvin\n") in result.output
    assert "Muutos kesken vuoden" not in result.output  # made before the revision


@needs_git
def test_since_shows_changed_texts_as_sentences_before_and_after(two_years, tmp_path):
    """Texts, a dropped goal's reason, project.yaml and labels: all shown, in the
    reader's words, the figures in them written out."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "submitted")
    edits = {
        "2021/activities.yaml": [("text: Kokouksia {team_meetings}.",
                                  "text: Hankkeen tiimi kokoontui vuoden aikana säännöllisesti, yhteensä "
                                  "{team_meetings} kertaa, ja lisäksi pidettiin kaksi kehittämispäivää."),
                                 ("label: Tiimin kokoukset", "label: Tiimin kokoontumiset")],
        "2021/goals.yaml": [("reason: ei enää ajankohtainen", "reason: tavoite siirtyi toiselle hankkeelle")],
        "project.yaml": [("name: ", "name: Uusi ")],
    }
    for name, pairs in edits.items():
        path = two_years / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (name, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "edits")
    out = run("diff", two_years, 2021, "--since", "HEAD~1", "--lang", "fi").output
    assert out.splitlines()[1] == "4 tekstiä muuttui."
    assert ("    Hallinto: kirjoitettiin uudelleen\n"
            "      Ennen: Kokouksia 52.\n"
            "      Nyt: Hankkeen tiimi kokoontui vuoden aikana säännöllisesti, yhteensä 52 kertaa, "
            "ja lisäksi pidettiin kaksi kehittämispäivää.\n") in out
    assert "    Tiimin kokoukset: Tiimin kokoukset → Tiimin kokoontumiset" in out
    assert "    ”Väliaikainen tavoite” › syy: ei enää ajankohtainen → tavoite siirtyi toiselle hankkeelle" in out
    assert "    Nimi: Testihanke → Uusi Testihanke" in out


@needs_git
def test_since_a_reworded_paragraph_shows_the_changed_sentence(two_years, tmp_path):
    path = two_years / "2021" / "activities.yaml"
    long_text = ("Hankkeen tiimi kokoontui vuoden aikana säännöllisesti, yhteensä {team_meetings} kertaa. "
                 "Kokouksissa suunniteltiin toimintaa ja arvioitiin tuloksia yhdessä ohjausryhmän kanssa. "
                 "Lisäksi pidettiin kaksi kehittämispäivää, joihin osallistui koko henkilöstö.")
    path.write_text(path.read_text(encoding="utf-8").replace("Kokouksia {team_meetings}.", long_text),
                    encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "submitted")
    path.write_text(path.read_text(encoding="utf-8").replace("kaksi kehittämispäivää", "kolme kehittämispäivää")
                    .replace("value: 52", "value: 53"), encoding="utf-8")
    out = run("diff", two_years, 2021, "--since", "HEAD").output
    # The figure changed, and one sentence: the sentence with the figure is not a text change.
    assert out.splitlines()[1] == "1 figure changed and 1 text changed."
    assert ("    Hallinto: 1 sentence changed\n"
            "      Before: Lisäksi pidettiin kaksi kehittämispäivää, joihin osallistui koko henkilöstö.\n"
            "      Now: Lisäksi pidettiin kolme kehittämispäivää, joihin osallistui koko henkilöstö.\n") in out


@needs_git
def test_since_a_year_missing_at_the_revision_names_the_project_not_a_temporary_folder(two_years, tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    shutil.copytree(two_years / "2021", two_years / "2022")
    result = run("diff", two_years, 2022, "--since", "HEAD")
    assert result.exit_code == 2
    assert f"There is no year folder 2022 in '{two_years}' at revision 'HEAD'." in result.output
    assert "raportti-since" not in result.output


def test_example_texts_of_two_years_are_listed_and_their_sentences_shown_with_all():
    out = run("diff", PP, 2018, 2019).output
    assert "    Hankkeen hallinnointi: 8 sentences changed\n" in out
    assert "Before: Projektin" not in out
    everything = run("diff", PP, 2018, 2019, "--all").output
    assert "    Hankkeen hallinnointi: 8 sentences changed\n      Before: " in everything


def test_a_removed_result_is_shown_by_its_goal_and_text_not_its_goal_ids(two_years):
    write(two_years / "2020" / "results.yaml", """
        results:
          - goals: [g2]
            perspective: volunteers
            text: Vapaaehtoiset kokivat osaamisensa kasvaneen.
        """)
    out = run("diff", two_years, 2020, 2021).output
    assert ("  Not reported in 2021 (1):\n"
            "    - Result for “Järjestöt tekevät yhteistyötä” (the volunteers' view): "
            "Vapaaehtoiset kokivat osaamisensa kasvaneen.\n") in out
