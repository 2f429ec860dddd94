from fastapi import APIRouter
from fastapi.responses import JSONResponse

router = APIRouter(prefix="/carts")
CARTS: dict[int, dict] = {}


@router.get("/{cart_id}")
async def get_cart(cart_id: int):
    cart = CARTS.get(cart_id)
    if cart is None:
        return JSONResponse(status_code=404, content={"message": "cart not found"})  # expect: inconsistent-error-handling
    return cart


@router.get("/{cart_id}/total")
async def cart_total(cart_id: int) -> dict:
    cart = CARTS.get(cart_id, {})
    return {"total": sum(cart.values()), "items": len(cart)}


@router.get("/{cart_id}/owner")
async def cart_owner(cart_id: int):
    cart = CARTS.get(cart_id)
    if cart is None:
        return JSONResponse(status_code=404, content={"detail": "cart not found"})
    return {"owner": cart.get("owner")}
