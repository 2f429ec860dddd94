"""Persistence: ORM models, the asyncpg pool and the redis clients."""
