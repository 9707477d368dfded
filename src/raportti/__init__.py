"""raportti: STEA reports from project data kept as YAML."""

__version__ = "0.1.0"

#: Version of the data format this release reads (``schema_version`` in project.yaml).
SCHEMA_VERSION = 1
