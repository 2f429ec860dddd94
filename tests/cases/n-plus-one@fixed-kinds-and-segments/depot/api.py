from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from .setup import bins_named, ensure_system_bins
from .store import insert_parcels

app = FastAPI()


async def get_session() -> AsyncSession:
    raise NotImplementedError


@app.post("/bins/lookup")
async def lookup(names: list[str], session: AsyncSession = Depends(get_session)) -> list[str]:
    return await bins_named(session, names)


@app.post("/bins/setup")
async def setup(session: AsyncSession = Depends(get_session)) -> None:
    await ensure_system_bins(session)


@app.post("/parcels")
async def add_parcels(rows: list[dict], session: AsyncSession = Depends(get_session)) -> None:
    await insert_parcels(session, rows)
