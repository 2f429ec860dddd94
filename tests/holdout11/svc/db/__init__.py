"""Database access: connection factories, ORM models and asyncpg repositories."""
