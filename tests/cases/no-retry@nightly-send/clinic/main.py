import asyncio
from contextlib import asynccontextmanager

import aiohttp
import httpx
from fastapi import FastAPI

from clinic import jobs
from clinic.exports import AuditShipper, ClaimsUpload, Heartbeat, UsageReport


@asynccontextmanager
async def lifespan(app: FastAPI):
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
    partner = httpx.AsyncClient(base_url="https://partner.example", timeout=30.0)
    ops = httpx.AsyncClient(base_url="https://ops.internal", timeout=5.0)
    tasks = [
        asyncio.create_task(jobs.claims_at_two(ClaimsUpload(session, "https://clearing.example/upload"))),
        asyncio.create_task(jobs.usage_daily(UsageReport(partner), AuditShipper(partner))),
        asyncio.create_task(jobs.heartbeat(Heartbeat(ops))),
    ]
    yield
    for task in tasks:
        task.cancel()
    await session.close()
    await partner.aclose()
    await ops.aclose()


app = FastAPI(lifespan=lifespan)
