"""Ledger service settings."""
import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+psycopg://app:app@postgres:5432/ledger")
BROKER_URL = os.getenv("BROKER_URL", "redis://redis:6379/0")
THREADPOOL_SIZE = 20  # = pool_size + max_overflow below
