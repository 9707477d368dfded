"""Forms (report structures) and rendering them to Markdown."""
