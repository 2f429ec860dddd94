from glossa.db.engine import build_engine, build_sessionmaker
from glossa.db.pg import connection, create_pg_pool

__all__ = ["build_engine", "build_sessionmaker", "connection", "create_pg_pool"]
