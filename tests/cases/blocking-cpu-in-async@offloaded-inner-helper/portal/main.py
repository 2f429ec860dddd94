"""Portal API."""
from fastapi import FastAPI

from portal.services.accounts import Accounts

app = FastAPI()
accounts = Accounts()


@app.post("/password")
async def set_password(user: str, password: str) -> dict[str, bool]:
    await accounts.set_password(user, password)
    return {"ok": True}


@app.post("/login")
async def login(user: str, password: str) -> dict[str, bool]:
    return {"ok": await accounts.login(user, password)}
