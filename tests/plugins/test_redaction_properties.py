"""Property tests over every platform's secret syntaxes (``tests/fixtures/configs/*.syntax``):
random secrets never survive, whatever the case of the keywords and whatever unknown type word
stands before the value, and redacted text is a fixed point.  A platform is covered by adding
its fixture files."""

from __future__ import annotations

import random
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netraven_core.configtext.redact import MARKER, Redactor
from netraven_plugins.redaction import builtin_rules

from ..support.redaction_cases import TEMPLATES

REDACTOR = Redactor(builtin_rules())

# Secrets of every shape a device accepts in a single token (no blanks, quotes, ';', '\').
SECRETS = st.text(alphabet=string.ascii_letters + string.digits + "!#%&*+,-./=?@^_~$()",
                  min_size=1, max_size=40).map(lambda s: s + "Zq9")
# Words no rule knows as a type word: what a new firmware might print before a value.
UNKNOWN_TYPE_WORDS = st.from_regex(r"x[a-z]{1,6}[0-9]?|[1-9][0-9]{2,3}", fullmatch=True)

CASES = [(platform, template) for platform, templates in sorted(TEMPLATES.items())
         for template in templates]
IDS = [f"{platform}:{template[:40]}" for platform, template in CASES]

# Where a type word can go: '{s}' (quoted or not) after a blank, not after "KEY = ".
_VALUE_AFTER_BLANK = re.compile(r"(?<![=:][ \t])(?<=[ \t])(?=[\"']?\{s\})")
TYPED_CASES = [case for case in CASES if _VALUE_AFTER_BLANK.search(case[1])]
TYPED_IDS = [f"{platform}:{template[:40]}" for platform, template in TYPED_CASES]


def _assert_gone(platform: str, text: str, secret: str) -> None:
    out = REDACTOR.redact(text, platform)
    assert secret not in out, out
    assert MARKER in out
    assert REDACTOR.redact(out, platform) == out, "redacting twice changes nothing"


def _recase(template: str, change) -> str:
    """``template`` with ``change`` applied to everything but the ``{s}`` placeholders."""
    return "{s}".join(change(part) for part in template.split("{s}"))


def test_every_fixture_platform_has_syntaxes() -> None:
    assert [platform for platform, templates in TEMPLATES.items() if not templates] == []


@pytest.mark.parametrize(("platform", "template"), CASES, ids=IDS)
@settings(max_examples=20, deadline=None)
@given(secret=SECRETS, rng=st.randoms(use_true_random=False))
def test_keywords_in_any_case(platform: str, template: str, secret: str, rng: random.Random) -> None:
    _assert_gone(platform, _recase(template, str.upper).replace("{s}", secret) + "\n", secret)
    mixed = _recase(template, lambda part: "".join(c.upper() if rng.random() < 0.5 else c.lower()
                                                   for c in part))
    _assert_gone(platform, mixed.replace("{s}", secret) + "\n", secret)


@pytest.mark.parametrize(("platform", "template"), TYPED_CASES, ids=TYPED_IDS)
@settings(max_examples=20, deadline=None)
@given(secret=SECRETS, word=UNKNOWN_TYPE_WORDS)
def test_unknown_type_word_before_the_value(platform: str, template: str, secret: str,
                                            word: str) -> None:
    typed = _VALUE_AFTER_BLANK.sub(f"{word} ", template)
    _assert_gone(platform, typed.replace("{s}", secret) + "\n", secret)
