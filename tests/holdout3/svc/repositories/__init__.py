"""Data access: ORM repositories and the raw asyncpg ledger repository."""
