"""Old path of :mod:`tests.support.services` (tests/server, tests/service and tests/web import it
from here; drop this file once they import tests.support.services)."""

from .support.services import require_chromium, require_postgres, require_redis  # noqa: F401
