"""Wallet and room API."""
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from wallets import service

engine = create_async_engine("postgresql+asyncpg://db/wallets")
sessions = async_sessionmaker(engine, expire_on_commit=False)
app = FastAPI()


async def session() -> AsyncSession:
    async with sessions() as s:
        yield s


@app.post("/wallets/{wallet_id}/spend")
async def spend(wallet_id: int, amount: int, s: AsyncSession = Depends(session)) -> None:
    await service.spend(s, wallet_id, amount)


@app.post("/wallets/{wallet_id}/spend-locked")
async def spend_locked(wallet_id: int, amount: int, s: AsyncSession = Depends(session)) -> None:
    await service.spend_locked(s, wallet_id, amount)


@app.delete("/wallets/{wallet_id}")
async def close(wallet_id: int, s: AsyncSession = Depends(session)) -> None:
    await service.close(s, wallet_id)


@app.post("/rooms/{room_id}/places")
async def take_place(room_id: int, s: AsyncSession = Depends(session)) -> None:
    await service.take_place(s, room_id)
