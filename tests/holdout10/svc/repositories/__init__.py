"""Data access on the asyncpg pool and the ORM session."""
