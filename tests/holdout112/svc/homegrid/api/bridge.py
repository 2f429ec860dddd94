from __future__ import annotations

from fastapi import APIRouter, Depends

from homegrid.api.deps import get_container, service_principal
from homegrid.container import Container
from homegrid.models import CommandAck
from homegrid.models import BridgeBatch
from homegrid.models import Principal

router = APIRouter(prefix="/bridge", tags=["bridge"])


@router.post("/telemetry", status_code=202)
async def ingest_telemetry(
    batch: BridgeBatch,
    _: Principal = Depends(service_principal),
    container: Container = Depends(get_container),
) -> dict[str, int]:
    accepted = await container.ingestor.accept(batch)
    return {"accepted": accepted}


@router.post("/acks", status_code=202)
async def command_ack(
    ack: CommandAck,
    _: Principal = Depends(service_principal),
    container: Container = Depends(get_container),
) -> dict[str, bool]:
    applied = await container.dispatcher.handle_ack(ack)
    return {"applied": applied}
