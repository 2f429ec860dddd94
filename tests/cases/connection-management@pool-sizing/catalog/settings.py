"""Catalog service settings: the threadpool is sized to the pool."""
import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+psycopg://app:app@postgres:5432/catalog")
POOL_SIZE = 10
MAX_OVERFLOW = 5
THREADPOOL_SIZE = 15  # pool_size + max_overflow
