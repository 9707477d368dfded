"""Importing finished reports (``raportti import``): a document into draft project data.

``reading`` (document → paragraphs) → ``matching`` (the form's questions in them) →
``placing`` and ``goals`` (each answer where the form's templates read it; ``numbers``
makes figures of the numbers) → ``writing`` (YAML as ``fmt`` lays it out, leftovers).
``importer`` runs the steps.
"""

from raportti.importing.importer import ImportSummary, import_report

__all__ = ["ImportSummary", "import_report"]
