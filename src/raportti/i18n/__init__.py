"""Messages in the coordinator's language."""
