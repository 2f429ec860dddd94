"""Persistence: the core OLTP database (SQLAlchemy) and the telemetry store (asyncpg)."""
