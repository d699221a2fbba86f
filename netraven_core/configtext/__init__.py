"""Configuration text: what happens to a fetched configuration before it is stored.

:mod:`.normalize` drops volatile lines, :mod:`.redact` strips secrets (rules compiled by
:mod:`._redact_engine`, with :mod:`._triggers` finding each rule's literal trigger words),
:mod:`.changes` compares versions and :mod:`.cleaning` runs all three for a run, in worker
processes when the run is large.
"""
