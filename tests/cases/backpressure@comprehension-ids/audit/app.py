"""HTTP entry points of the audit service."""
from fastapi import FastAPI

from .reconcile import Reconciler

app = FastAPI()
reconciler = Reconciler()


@app.post("/tenants/{tenant_id}/reconcile")
async def reconcile(tenant_id: int) -> dict[int, int]:
    return await reconciler.reconcile_tenant(tenant_id)


@app.post("/reconcile/regions")
async def reconcile_regions() -> list[int]:
    return await reconciler.reconcile_regions()
