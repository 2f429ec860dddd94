from __future__ import annotations

from uuid import UUID

from fastapi import Depends, Header, Request

from homegrid.container import Container
from homegrid.errors import Forbidden, Unauthorized
from homegrid.models import Principal
from homegrid.utils.feature_flags import is_enabled


def get_container(request: Request) -> Container:
    return request.app.state.container


async def current_principal(
    authorization: str | None = Header(default=None),
    container: Container = Depends(get_container),
) -> Principal:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Unauthorized("missing bearer token")
    return container.auth.decode(authorization.split(" ", 1)[1])


async def service_principal(
    x_api_key: str | None = Header(default=None),
    container: Container = Depends(get_container),
) -> Principal:
    if not x_api_key:
        raise Unauthorized("missing api key")
    return await container.auth.principal_for_api_key(x_api_key)


def require_household(principal: Principal, household_id: UUID) -> None:
    if principal.role == "admin":
        return
    if principal.household_id != household_id:
        raise Forbidden("not your household")


def require_admin(principal: Principal = Depends(current_principal)) -> Principal:
    if principal.role != "admin":
        raise Forbidden("admin only")
    return principal


async def beta_dashboard_enabled(principal: Principal = Depends(current_principal)) -> bool:
    household = str(principal.household_id) if principal.household_id else None
    return is_enabled("dashboard_v2", household)


def firmware_uploads_enabled(principal: Principal = Depends(require_admin)) -> bool:
    return is_enabled("firmware_uploads")
