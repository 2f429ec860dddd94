"""Dashboard and firmware routes."""
from fastapi import APIRouter, Depends, FastAPI

from grid.deps import beta_dashboard_enabled, firmware_uploads_enabled

router = APIRouter()


@router.get("/dashboard")
async def dashboard(v2: bool = Depends(beta_dashboard_enabled)) -> dict:
    return {"layout": "v2" if v2 else "v1"}


@router.post("/firmware")
async def upload_firmware(enabled: bool = Depends(firmware_uploads_enabled)) -> dict:
    return {"accepted": enabled}


app = FastAPI()
app.include_router(router)
