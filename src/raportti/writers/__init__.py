"""Writers: turn a rendered report's Markdown into files."""
