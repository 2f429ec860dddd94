"""Billing service settings."""
import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+asyncpg://app:app@postgres:5432/billing")
DB_POOL_SIZE = int(os.getenv("DB_POOL_SIZE", "10"))
DB_MAX_OVERFLOW = int(os.getenv("DB_MAX_OVERFLOW", "5"))
