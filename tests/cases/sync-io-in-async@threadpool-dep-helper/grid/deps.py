"""Route dependencies."""
from fastapi import Depends

from grid.flags import is_enabled


def current_household() -> str:
    return "h-1"


async def beta_dashboard_enabled(household: str = Depends(current_household)) -> bool:
    return is_enabled("dashboard_v2", household)  # expect: sync-io-in-async


def firmware_uploads_enabled() -> bool:
    return is_enabled("firmware_uploads")
