import asyncpg
from fastapi import FastAPI

from ledger.locks import AccountLocks
from ledger.service import LedgerService

app = FastAPI()
locks = AccountLocks()


@app.post("/accounts/{account_id}/post")
async def post(account_id: int, amount: int) -> dict:
    service = LedgerService(await asyncpg.create_pool(), locks)
    return {
        "balance": await service.post(account_id, amount),
        "fee": await service.transfer_fee(account_id, 1, 5),
        "wallet": await service.top_up(account_id, amount),
        "mirror": await service.mirror(account_id, account_id + 1),
    }
