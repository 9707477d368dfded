"""The checks beyond the schema, in one ordered list: each check is a module of this
package with a function that takes the loaded project and returns its problems.

Adding a check is one module and one line in :data:`CHECKS` (as markdown-it-py keeps its
rules). Each check yields problems located in the YAML.
"""

from __future__ import annotations

from raportti.checks.blockids import check_block_ids
from raportti.checks.figures import check_figures
from raportti.checks.followup import check_followup
from raportti.checks.goals import check_goals
from raportti.checks.text import check_text
from raportti.checks.yearrows import check_year_rows
from raportti.checks.years import check_years
from raportti.problems import Problem
from raportti.project.loading import ProjectData

CHECKS = (
    check_figures,
    check_block_ids,
    check_goals,
    check_years,
    check_year_rows,
    check_followup,
    check_text,
)


def run_checks(data: ProjectData, *, text: bool = True) -> list[Problem]:
    """Every check; ``text=False`` leaves out the text checks (:func:`check_text`),
    for a caller that runs them itself."""
    problems: list[Problem] = []
    for check in CHECKS:
        if text or check is not check_text:
            problems += check(data)
    return problems
