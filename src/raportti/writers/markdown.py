"""The Markdown writer: the rendered report as UTF-8 text with Unix line endings."""

from __future__ import annotations

from typing import Any


def markdown_bytes(markdown: str) -> bytes:
    return markdown.encode("utf-8")


def make(job: Any) -> bytes:
    """The format's maker (see raportti.writers.formats)."""
    return markdown_bytes(job.markdown)
