"""Which optional extra of the ``netraven`` distribution provides a missing module.

``pip install netraven`` leaves the server's dependencies out (they are the ``server`` extra);
a command that needs one then says what to install instead of printing a traceback.
"""

from __future__ import annotations

import re

DISTRIBUTION = "netraven"

# Import names that differ from the distribution's name.
_DISTRIBUTION_OF = {"argon2": "argon2-cffi", "git": "gitpython", "jwt": "pyjwt", "yaml": "pyyaml"}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def extra_providing(module: str | None) -> str | None:
    """The extra of ``netraven`` whose requirements include the distribution of ``module``."""
    if not module:
        return None
    top = module.partition(".")[0]
    wanted = _canonical(_DISTRIBUTION_OF.get(top, top))
    from importlib.metadata import PackageNotFoundError, distribution  # only on this failure path

    try:
        requirements = distribution(DISTRIBUTION).requires or []
    except PackageNotFoundError:
        return None
    for requirement in requirements:
        name, extra = _NAME.match(requirement), _EXTRA.search(requirement)
        if name and extra and _canonical(name.group()) == wanted:
            return extra.group(1)
    return None


def install_hint(module: str | None, *, required: bool = True) -> str | None:
    """How to get ``module``; ``None`` when it is no optional dependency and not ``required``."""
    extra = extra_providing(module)
    if extra is not None:
        return f"install it with: pip install '{DISTRIBUTION}[{extra}]'"
    return "install the package that provides it" if required else None
