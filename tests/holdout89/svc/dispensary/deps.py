from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status

from dispensary.container import Container
from dispensary.services.staff import Staff


def get_container(request: Request) -> Container:
    return request.app.state.container


ContainerDep = Annotated[Container, Depends(get_container)]


async def current_staff(
    container: ContainerDep, authorization: Annotated[str | None, Header()] = None
) -> Staff:
    token = authorization.removeprefix("Bearer ").strip() if authorization else None
    staff = await container.auth.staff_from_token(token)
    if staff is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired session")
    return staff


StaffDep = Annotated[Staff, Depends(current_staff)]


def require_branch(staff: Staff, branch_id: int) -> None:
    if branch_id not in staff.branch_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"no access to branch {branch_id}")


async def require_pharmacist(staff: StaffDep) -> Staff:
    if not staff.is_pharmacist:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "pharmacist role required")
    return staff


PharmacistDep = Annotated[Staff, Depends(require_pharmacist)]
