"""Data access. Raw SQL over asyncpg, except menus which use the ORM."""
