"""The built-in redaction rules: generic ones plus one module per vendor family.

Rules are data (:class:`~netraven_core.models.RedactionRule`); :mod:`netraven_core.configtext.redact`
applies them.  A plugin replaces a built-in rule by contributing a rule with the same name.
"""

from __future__ import annotations

from netraven_core.hookspecs import hookimpl
from netraven_core.models import RedactionRule

from ..families import family_modules
from . import generic


def builtin_rules() -> list[RedactionRule]:
    """Every built-in rule: vendor rules first, then the generic ones."""
    return [r for module in family_modules(__package__) for r in module.RULES] + list(generic.RULES)


@hookimpl
def netraven_redaction_rules() -> list[RedactionRule]:
    return builtin_rules()
