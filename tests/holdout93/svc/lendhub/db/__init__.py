from .engine import get_sessionmaker, init_engine, dispose_engine
from .pg import init_pg_pool, close_pg_pool, get_pg_pool

__all__ = [
    "get_sessionmaker",
    "init_engine",
    "dispose_engine",
    "init_pg_pool",
    "close_pg_pool",
    "get_pg_pool",
]
