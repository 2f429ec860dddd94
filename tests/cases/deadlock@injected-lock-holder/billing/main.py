import asyncpg
from fastapi import FastAPI, Request

from billing.audit import AuditService
from billing.closing import CloseService
from billing.locks import BillingLocks
from billing.store import Store
from billing.writeoff import WriteOffService

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    store = Store(await asyncpg.create_pool("postgresql://db/billing"))
    locks = BillingLocks()
    app.state.closing = CloseService(store, locks)
    app.state.audit = AuditService(store, locks)
    app.state.writeoff = WriteOffService(store, locks)


@app.post("/tenants/{tenant_id}/close")
async def close(tenant_id: int, request: Request) -> None:
    closing: CloseService = request.app.state.closing
    await closing.close_period(tenant_id)


@app.get("/tenants/{tenant_id}/audit")
async def audit(tenant_id: int, request: Request) -> dict:
    auditor: AuditService = request.app.state.audit
    return await auditor.snapshot(tenant_id)


@app.post("/tenants/{tenant_id}/invoices/{invoice_id}/write-off")
async def write_off(tenant_id: int, invoice_id: int, request: Request) -> None:
    service: WriteOffService = request.app.state.writeoff
    await service.write_off(tenant_id, invoice_id)
