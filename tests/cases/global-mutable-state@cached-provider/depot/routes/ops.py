from fastapi import APIRouter, Depends
from pydantic import BaseModel

from depot.config import DepotConfig, depot_config, fresh_config

router = APIRouter(prefix="/ops")


class BatchIn(BaseModel):
    size: int


@router.put("/pick-batch")
async def set_pick_batch(body: BatchIn) -> dict:
    cfg = depot_config()
    cfg.pick_batch_size = body.size  # expect: global-mutable-state
    return {"size": cfg.pick_batch_size}


@router.post("/maintenance")
def enter_maintenance(cfg: DepotConfig = Depends(depot_config)) -> dict:
    cfg.maintenance = True  # expect: global-mutable-state
    return {"maintenance": True}


@router.get("/pick-batch")
async def read_pick_batch(cfg: DepotConfig = Depends(depot_config)) -> dict:
    return {"size": cfg.pick_batch_size}


@router.post("/preview")
async def preview_batch(body: BatchIn) -> dict:
    draft = fresh_config()
    draft.pick_batch_size = body.size
    return {"preview": draft.pick_batch_size}
