"""Pydantic models of a project's data files."""

from raportti.schema.models.files import FILE_KINDS
from raportti.schema.models.project import Project

__all__ = ["FILE_KINDS", "Project"]
