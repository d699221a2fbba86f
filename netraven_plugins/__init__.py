"""NetRaven's built-in plugins: drivers, the platform catalogue, redaction rules, storage,
notifiers and inventory sources.  Each module is one plugin with one job; they are registered
from :data:`netraven_core.plugins.DEFAULT_PLUGINS`."""
