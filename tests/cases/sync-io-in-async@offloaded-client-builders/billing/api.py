import asyncio

from fastapi import FastAPI

from billing.ledger import LedgerGateway

app = FastAPI()
ledger = LedgerGateway("k")


@app.post("/accounts/{account}/charges")
async def charge(account: str, cents: int) -> dict:
    entry = await asyncio.to_thread(ledger.post_entry, account, cents)
    left = ledger.balance(account)  # expect: sync-io-in-async
    return {"entry": entry, "balance": left}


@app.get("/accounts/{account}/statement")
async def statement(account: str) -> dict:
    # builds a link and an encoded body from the arguments: no request to the vendor
    link = ledger.statement_link(account)
    body = ledger.webhook_body({"account": account})
    return {"url": link, "body": body.decode()}
