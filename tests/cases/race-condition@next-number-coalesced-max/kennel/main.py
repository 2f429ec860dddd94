from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from .services import LitterService

app = FastAPI()


async def get_session() -> AsyncSession:
    raise NotImplementedError


@app.post("/kennels/{kennel_id}/litters")
async def new_litter(kennel_id: int, session: AsyncSession = Depends(get_session)) -> dict:
    litter = await LitterService(session).register(kennel_id)
    again = await LitterService(session).register_counted(kennel_id)
    return {"seq": litter.seq, "other": again.seq}


@app.post("/shipments")
async def new_shipment(carrier: str, session: AsyncSession = Depends(get_session)) -> dict:
    shipment = await LitterService(session).ship(carrier)
    return {"tracking": shipment.tracking_no}
