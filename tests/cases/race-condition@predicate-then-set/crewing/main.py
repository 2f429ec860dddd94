from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from crewing.service import CrewError, CrewService

app = FastAPI()
SessionFactory = async_sessionmaker(create_async_engine("postgresql+asyncpg://crew@db/crew"))


async def get_session():
    async with SessionFactory() as session:
        yield session


@app.post("/crew/{member_id}/assign/{vessel_id}")
async def assign(member_id: int, vessel_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        await CrewService(session).assign(member_id, vessel_id)
    except CrewError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"ok": True}


@app.post("/crew/{member_id}/transfer/{vessel_id}")
async def transfer(member_id: int, vessel_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        await CrewService(session).transfer(member_id, vessel_id)
    except CrewError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"ok": True}


@app.post("/crew/{member_id}/claim/{vessel_id}")
async def claim(member_id: int, vessel_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        await CrewService(session).assign_atomically(member_id, vessel_id)
    except CrewError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"ok": True}
