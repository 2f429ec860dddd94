"""Data access layer. Repositories take an AsyncSession (or the raw asyncpg pool for job queues)."""
