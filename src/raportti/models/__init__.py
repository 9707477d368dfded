"""Pydantic models of a project's data files."""

from raportti.models.files import FILE_KINDS
from raportti.models.project import Project

__all__ = ["FILE_KINDS", "Project"]
