from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from .kits import KitService
from .vouchers import book_lab, redeem

app = FastAPI()


async def get_session() -> AsyncSession:
    raise NotImplementedError


@app.post("/claims/{claim_id}/redeem")
async def redeem_claim(claim_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    return {"left": await redeem(session, claim_id)}


@app.post("/claims/{claim_id}/lab/{lab_id}")
async def book(claim_id: int, lab_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    await book_lab(session, claim_id, lab_id)
    return {"ok": True}


@app.post("/kits/{kit_id}/dispatch/{lab_id}")
async def dispatch(kit_id: int, lab_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    await KitService(session).dispatch(kit_id, lab_id)
    return {"ok": True}
