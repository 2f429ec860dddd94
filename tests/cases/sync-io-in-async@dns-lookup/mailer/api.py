from __future__ import annotations

import asyncio

import dns.asyncresolver
import dns.resolver
from fastapi import FastAPI

app = FastAPI()


def _spf(domain: str) -> list[str]:
    return [r.to_text() for r in dns.resolver.resolve(domain, "TXT", lifetime=3.0)]


@app.get("/domains/{domain}/mx")
async def mx(domain: str) -> dict:
    answers = dns.resolver.resolve(domain, "MX", lifetime=3.0)  # expect: sync-io-in-async
    return {"hosts": [str(r.exchange) for r in answers]}


@app.get("/domains/{domain}/txt")
async def txt(domain: str) -> dict:
    # look-alike: dnspython's async resolver
    answers = await dns.asyncresolver.resolve(domain, "TXT", lifetime=3.0)
    return {"records": [r.to_text() for r in answers]}


@app.get("/domains/{domain}/spf")
async def spf(domain: str) -> dict:
    # look-alike: the sync lookup runs in a worker thread
    return {"records": await asyncio.to_thread(_spf, domain)}
