import asyncpg
from fastapi import FastAPI, Request
from redis.asyncio import Redis

from metering.collector import Collector, Invoice
from metering.credits import CreditRepository
from metering.ingest import Ingest
from metering.wallet import Wallet

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    credits = CreditRepository(await asyncpg.create_pool("postgresql://db/metering"))
    app.state.collector = Collector(credits)
    app.state.wallet = Wallet(credits)
    app.state.ingest = Ingest(Redis(host="redis", socket_timeout=5))


@app.post("/collect")
async def collect(invoices: list[int], request: Request) -> int:
    collector: Collector = request.app.state.collector
    batch = [Invoice(i, 1, 100) for i in invoices]
    return await collector.run(batch) + await collector.run_claiming_first(batch)


@app.post("/tenants/{tenant_id}/credits/apply")
async def apply(tenant_id: int, amount: int, request: Request) -> bool:
    wallet: Wallet = request.app.state.wallet
    return (await wallet.apply(tenant_id, amount) and await wallet.apply_atomic(tenant_id, amount)
            and bool(await wallet.apply_and_touch(tenant_id, amount)))


@app.post("/usage")
async def usage(event: dict, request: Request) -> dict:
    ingest: Ingest = request.app.state.ingest
    await ingest.accept(event)
    await ingest.accept_claimed(event)
    return await ingest.summary(event["tenant"])
