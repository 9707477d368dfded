"""A project over the years: new project, new year, diff, text changes, textconv."""
