import asyncpg

pool: asyncpg.Pool
