from fastapi import APIRouter

from shop.routes._base.checks import Permissions
from shop.services.carts import CartService

router = APIRouter(prefix="/carts")
service = CartService({})


@router.get("/{cart_id}")
def cart(cart_id: int) -> list[str]:
    return service.items(cart_id)


@router.delete("/{cart_id}")
def purge(cart_id: int, user: dict) -> dict:
    Permissions(user).can_manage()
    service.purge(cart_id)
    return {"purged": cart_id}
