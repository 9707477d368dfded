"""The data's models, their errors in plain words, and the JSON Schema for editors."""
