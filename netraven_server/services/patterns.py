"""User-supplied search patterns, compiled by google-re2 (linear time, bounded memory).

Python's ``re`` backtracks: ``(\\w|\\w)*$`` against one long line takes exponential time and
holds the GIL, so one viewer's search froze the whole server.  RE2 matches in time linear in
the text and refuses constructs that need backtracking (back-references, look-around) with a
clear error; the pattern's length and the compiled program's memory are bounded too.
"""

from __future__ import annotations

import re

import re2

from .errors import Invalid

MAX_PATTERN_LENGTH = 1000
MAX_PROGRAM_MEMORY = 8 << 20  # bytes RE2 may use for one compiled pattern


def compile_search(q: str, *, regex: bool, case_sensitive: bool):
    """A compiled pattern with ``.search(line)``; :class:`Invalid` (422 on ``q``) when unusable."""
    if len(q) > MAX_PATTERN_LENGTH:
        raise Invalid({"q": f"must be at most {MAX_PATTERN_LENGTH} characters"}, location="query")
    options = re2.Options()
    options.max_mem = MAX_PROGRAM_MEMORY
    options.case_sensitive = case_sensitive
    options.log_errors = False
    source = q if regex else re.escape(q)
    try:
        return re2.compile(source, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "unknown error"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise Invalid({"q": f"invalid or unsupported regular expression (RE2 syntax: no back-references "
                            f"or look-around): {reason}"}, location="query") from None
