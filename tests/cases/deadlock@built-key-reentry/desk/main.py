import asyncpg
from fastapi import FastAPI

from desk.locks import KeyedLocks
from desk.services import Billing, Proration

app = FastAPI()
locks = KeyedLocks()


@app.post("/members/{member_id}/close")
async def close(member_id: int, plan_id: int, other_id: int) -> dict:
    pool = await asyncpg.create_pool()
    billing = Billing(pool, locks, Proration(pool, locks))
    return {
        "month": await billing.close_month(member_id),
        "plan": await billing.close_plan(member_id, plan_id),
        "other": await billing.close_for(member_id, other_id),
    }
