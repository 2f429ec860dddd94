from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from app.models import Permission
from app.repository import PermissionRepository

router = APIRouter()


class PermissionIn(BaseModel):
    name: str
    codename: str


def get_repository() -> PermissionRepository:
    raise NotImplementedError


async def get_permission_or_404(id: int, repository: PermissionRepository = Depends(get_repository)) -> Permission:
    permission = await repository.get_by_id(id)
    if permission is None:
        raise HTTPException(status_code=404)
    return permission


@router.post("/permissions")
async def create_permission(body: PermissionIn, repository: PermissionRepository = Depends(get_repository)):
    # the unique codename keeps duplicates out, but the slower of two concurrent requests gets a 500
    existing = await repository.get_by_codename(body.codename)  # expect: race-condition
    if existing is not None:
        raise HTTPException(status_code=400, detail="codename taken")
    permission = Permission(name=body.name, codename=body.codename)
    return await repository.create(permission)


@router.patch("/permissions/{id}")
async def rename_permission(
    body: PermissionIn,
    permission: Permission = Depends(get_permission_or_404),
    repository: PermissionRepository = Depends(get_repository),
):
    # `permission` is a loaded row: `update` issues an UPDATE, it inserts nothing
    existing = await repository.get_by_codename(body.codename)
    if existing is not None:
        raise HTTPException(status_code=400, detail="codename taken")
    permission.codename = body.codename
    await repository.update(permission)
    return permission
