"""Cart rules, used by the API and by the nightly cleanup job."""
from fastapi import HTTPException


class CartService:
    def __init__(self, carts: dict[int, list[str]]) -> None:
        self.carts = carts

    def items(self, cart_id: int) -> list[str]:
        cart = self.carts.get(cart_id)
        if cart is None:
            raise HTTPException(404, "cart not found")  # expect: inconsistent-error-handling
        return cart

    def purge(self, cart_id: int) -> None:
        if cart_id not in self.carts:
            raise HTTPException(404, "cart not found")
        del self.carts[cart_id]
