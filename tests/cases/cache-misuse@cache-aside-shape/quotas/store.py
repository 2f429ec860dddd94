from __future__ import annotations


async def authorize(tenant_id: int, api_key: str) -> None:
    if not api_key:
        raise PermissionError(tenant_id)


async def report_rows(pool, tenant_id: int, month: str, region: str) -> list:
    return await pool.fetch("SELECT * FROM usage WHERE tenant_id=$1 AND month=$2 AND region=$3",
                            tenant_id, month, region)


async def tier_rows(pool, owner_id: int, currency: str = "EUR", member: int | None = None) -> list:
    return await pool.fetch("SELECT * FROM tiers WHERE owner_id=$1", owner_id)
