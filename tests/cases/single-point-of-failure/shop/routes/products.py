from typing import Any

from fastapi import APIRouter, Depends, HTTPException

from shop.catalog import product_page
from shop.dependencies import current_user, get_repo
from shop.ratelimit import rate_limited
from shop.repository import ProductRepository

router = APIRouter(prefix="/products", dependencies=[Depends(rate_limited)])


@router.get("/search")
async def search(q: str, repo: ProductRepository = Depends(get_repo)) -> list[dict[str, Any]]:
    return await repo.search(q)


@router.get("/{product_id}")
async def product(product_id: int, repo: ProductRepository = Depends(get_repo)) -> dict[str, Any]:
    found = await product_page(repo, product_id)
    if found is None:
        raise HTTPException(404, "no such product")
    return found


@router.post("/{product_id}/cart")
async def add_to_cart(
    product_id: int,
    user: dict[str, Any] = Depends(current_user),
    repo: ProductRepository = Depends(get_repo),
) -> dict[str, str]:
    await repo.add_to_cart(user["id"], product_id)
    return {"status": "added"}
