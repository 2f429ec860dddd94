"""Login API."""
from fastapi import FastAPI

from login.codes import CodeService, NicknameBook

app = FastAPI()
codes = CodeService()
names = NicknameBook()


@app.post("/codes/{phone}")
async def request_code(phone: str) -> None:
    await codes.issue(phone)


@app.post("/codes/{phone}/verify")
async def verify_code(phone: str, code: str) -> dict:
    return {"ok": codes.verify(phone, code)}


@app.post("/names/{phone}")
async def set_name(phone: str, nickname: str) -> None:
    await names.remember(phone, nickname)


@app.delete("/names/{phone}")
async def drop_name(phone: str) -> dict:
    return {"name": names.forget(phone)}
