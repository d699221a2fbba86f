"""Persistence: engine/session setup, models and migrations."""

from .engine import Database, create_db_engine
from .migrate import current_revision, head_revision, upgrade

__all__ = ["Database", "create_db_engine", "current_revision", "head_revision", "upgrade"]
