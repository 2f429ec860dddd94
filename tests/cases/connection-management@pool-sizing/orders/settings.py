"""Orders service settings, read from the environment."""
import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app:app@postgres:5432/orders")
DB_POOL_MIN_SIZE = int(os.getenv("DB_POOL_MIN_SIZE", "5"))
DB_POOL_MAX_SIZE = int(os.getenv("DB_POOL_MAX_SIZE", "20"))
