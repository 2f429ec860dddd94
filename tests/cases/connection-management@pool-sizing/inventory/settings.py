"""Inventory service settings."""
import os

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+psycopg://app:app@postgres:5432/inventory")
