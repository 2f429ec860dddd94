"""Raw SQL reads of shipments."""
import asyncpg


async def open_for_carrier(pool: asyncpg.Pool, carrier_id: int) -> list[asyncpg.Record]:
    # the partial index holds exactly these rows: one carrier's few open shipments
    return await pool.fetch("SELECT * FROM shipments WHERE carrier_id = $1 AND delivered = false", carrier_id)


async def history_for_carrier(pool: asyncpg.Pool, carrier_id: int) -> list[asyncpg.Record]:
    # every shipment the carrier ever had: the partial index cannot find them
    return await pool.fetch("SELECT * FROM shipments WHERE carrier_id = $1", carrier_id)  # expect: slow-query
