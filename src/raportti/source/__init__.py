"""Reading the inputs: YAML (fast data, positions, comments cut short) and DOCX files within limits."""
