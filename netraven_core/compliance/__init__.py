"""Configuration compliance: rules as data, checked on stored configurations.

:mod:`.rules` (the model, YAML with file/line/field errors), :mod:`.parsing` (syntax families,
a line index), :mod:`.evaluate` (results per rule), :mod:`.history` (when a failure started and
ended over a device's versions).  The server persists the results; the ``netraven check``
command gates CI on them.  See ``docs/compliance.md``.
"""

from .evaluate import Evaluation, RuleResult, evaluate, evaluate_rule
from .history import Episode, episodes
from .parsing import ParsedConfig, detect_syntax
from .rules import Rule, RuleError, dump_rules, load_rules, rule_from_mapping

__all__ = ["Episode", "Evaluation", "ParsedConfig", "Rule", "RuleError", "RuleResult", "detect_syntax",
           "dump_rules", "episodes", "evaluate", "evaluate_rule", "load_rules", "rule_from_mapping"]
