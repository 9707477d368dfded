"""A loaded project: its files validated, references resolved, the report year, fmt's layout."""
