"""Charity registration: a catch-all that cuts the cause off, beside look-alikes that keep it."""
import asyncio

from fastapi import APIRouter, HTTPException

router = APIRouter()


class NotOnRegister(Exception):
    pass


class RegisterClient:
    async def register(self, name: str) -> dict:
        await asyncio.sleep(0)
        if not name:
            raise NotOnRegister(name)
        return {"name": name}

    async def refresh_credentials(self) -> None:
        await asyncio.sleep(0)


client = RegisterClient()


@router.post("/charities")
async def register(name: str) -> dict:
    try:
        return await client.register(name)
    except Exception:  # expect: broad-except
        raise HTTPException(status_code=503, detail="register unavailable") from None


@router.post("/charities/check")
async def check(name: str) -> dict:
    try:
        return await client.register(name)
    except Exception as exc:
        raise HTTPException(status_code=503, detail="register unavailable") from exc


async def refresh() -> None:
    try:
        await client.refresh_credentials()
    except Exception:
        # `from None`: the SDK's errors carry key material; keep it out of logs.
        raise RuntimeError("could not refresh the register credentials") from None


def parse(raw: str) -> int:
    try:
        return int(raw)
    except Exception:
        raise ValueError("not a number") from None
