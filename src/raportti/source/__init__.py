"""Reading YAML: fast data, positions, comments cut short."""
