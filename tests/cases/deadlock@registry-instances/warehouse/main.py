"""Warehouse API."""
from fastapi import FastAPI

from warehouse.flows.audit import Audit
from warehouse.flows.orders import OrderFlow
from warehouse.flows.restock import Restock

app = FastAPI()
orders = OrderFlow()
restock = Restock()
audit = Audit()


@app.post("/orders/{order_id}/reserve/{sku}")
async def reserve(order_id: str, sku: str, qty: int) -> dict[str, bool]:
    await orders.reserve(order_id, sku, qty)
    await audit.check(order_id, sku)
    return {"ok": True}


@app.post("/tenants/{tenant}/bins/{bin_id}")
async def assign(tenant: str, bin_id: str) -> dict[str, bool]:
    await orders.assign_bin(tenant, bin_id)
    await audit.tenant_report(tenant)
    return {"ok": True}


@app.post("/stock/{sku}/refill")
async def refill(sku: str, order_id: str, qty: int) -> dict[str, bool]:
    await restock.refill(sku, order_id, qty)
    return {"ok": True}


@app.delete("/bins/{bin_id}")
async def empty(bin_id: str, tenant: str) -> dict[str, bool]:
    await restock.empty_bin(bin_id, tenant)
    return {"ok": True}
