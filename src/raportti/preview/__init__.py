"""``raportti preview``: the report served on this machine, rebuilt on every save.

:mod:`.session` rebuilds the page from a project while keeping what did not change,
:mod:`.server` serves it with a stream of update events, and :mod:`.watching` ties both
to the files being saved.
"""
