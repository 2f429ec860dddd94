import asyncpg


async def recent(pool: asyncpg.Pool, zones: list[str], before) -> list[asyncpg.Record]:
    # look-alike: `zone` is a column here, and it leads the primary key
    return await pool.fetch(
        "SELECT zone, sampled_at, megawatts FROM load_samples WHERE zone = ANY($1::text[]) AND sampled_at < $2 "
        "ORDER BY sampled_at DESC LIMIT 100",
        zones, before,
    )


async def local_day(pool: asyncpg.Pool, zone: str, tz: str) -> list[asyncpg.Record]:
    # look-alike: `AT TIME ZONE` after a column the key serves
    return await pool.fetch(
        "SELECT sampled_at AT TIME ZONE $2 AS local, megawatts FROM load_samples WHERE zone = $1 LIMIT 500",
        zone, tz,
    )


async def prune(pool: asyncpg.Pool, older_than) -> str:
    return await pool.execute("DELETE FROM load_samples WHERE sampled_at < $1", older_than)  # expect: missing-index
