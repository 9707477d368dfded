"""The command line."""

from raportti.cli.app import run

__all__ = ["run"]
