from tests.server.dbfixtures import db_url, postgres_database, sqlite_template  # noqa: F401
