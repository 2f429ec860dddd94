from fastapi import FastAPI

from credits import billing
from credits.repo import POOL
from credits.support import GoodwillDesk
from credits.wallets import Accrual, PointsService

app = FastAPI()
desk = GoodwillDesk()


@app.post("/tenants/{tenant_id}/charge")
async def charge(tenant_id: int, cost: int) -> dict:
    return {"balance": await billing.charge(tenant_id, cost)}


@app.post("/tenants/{tenant_id}/seats")
async def add_seat(tenant_id: int) -> dict:
    await billing.grant_seat(tenant_id)
    return {"ok": True}


@app.delete("/tenants/{tenant_id}/seats")
async def remove_seat(tenant_id: int) -> dict:
    await billing.return_seat(tenant_id)
    return {"ok": True}


@app.post("/tenants/{tenant_id}/goodwill")
async def goodwill(tenant_id: int, amount: int) -> dict:
    await desk.compensate(tenant_id, amount)
    return {"ok": True}


points = PointsService(POOL)
accrual = Accrual(POOL)


@app.post("/members/{member_id}/redeem")
async def redeem(member_id: int, points_to_use: int) -> dict:
    await points.redeem(member_id, points_to_use)
    return {"ok": True}


@app.post("/members/{member_id}/accrue")
async def accrue(member_id: int, earned: int) -> dict:
    await accrual.credit(member_id, earned)
    return {"ok": True}
