from fastapi import Depends, FastAPI
from redis.asyncio import Redis

from .credits import CreditLedger, Wallet

app = FastAPI()
_redis = Redis()


def get_ledger() -> CreditLedger:
    return CreditLedger(_redis)


@app.post("/accounts/{account}/refund")
async def refund(account: str, amount: int, ledger: CreditLedger = Depends(get_ledger)) -> dict[str, int]:
    return {"used": await ledger.give_back(account, amount)}


@app.post("/venues/{venue}/seats/{section}/release")
async def release(venue: str, section: int, ledger: CreditLedger = Depends(get_ledger)) -> dict[str, str]:
    await ledger.release_seat(venue, section)
    await ledger.copy_section(venue, section, section + 1)
    return {"status": "ok"}


@app.post("/venues/{venue}/seats/{section}")
async def take(venue: str, section: int, ledger: CreditLedger = Depends(get_ledger)) -> dict[str, int]:
    return {"taken": await ledger.take_seat(venue, section)}


@app.get("/accounts/{account}/label")
async def label(account: str, ledger: CreditLedger = Depends(get_ledger)) -> dict[str, str]:
    await ledger.snapshot(account)
    return {"status": "ok"}


def get_wallet() -> "Wallet":
    return Wallet(_redis)


@app.post("/wallets/{user_id}/bonus")
async def bonus(user_id: int, other: int, wallet: "Wallet" = Depends(get_wallet)) -> dict[str, int]:
    await wallet.mirror(user_id, other)
    await wallet.add(user_id, 1)
    return {"balance": await wallet.add_bonus(user_id, 5, 100)}
