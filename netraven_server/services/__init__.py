"""Business logic shared by the REST API, the web UI and the scheduler.

Every function takes an open SQLAlchemy session first and leaves committing to the caller (the
API commits at the end of a request; background code uses ``Database.session()``).  Problems
are raised as :mod:`netraven_server.services.errors` exceptions, which carry an HTTP status and
per-field details, so every caller reports them the same way.
"""
