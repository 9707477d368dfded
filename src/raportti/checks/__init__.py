"""Checks beyond the schema, and running them over a project."""
