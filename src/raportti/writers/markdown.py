"""The Markdown writer: the rendered report as UTF-8 text with Unix line endings."""

from __future__ import annotations


def markdown_bytes(markdown: str) -> bytes:
    return markdown.encode("utf-8")
