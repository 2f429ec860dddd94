from fastapi import FastAPI

from telnetgw.gateway import TerminalGateway

app = FastAPI()
gateway = TerminalGateway("mainframe.internal", 2323)


@app.get("/accounts/{number}")
async def account(number: str) -> dict:
    return {"raw": await gateway.query(f"ACCT {number}"), "alt": await gateway.query_bounded(f"ACCT {number}")}


@app.get("/gateway/ping")
async def ping() -> dict:
    return {"ok": await gateway.ping()}
