from typing import Any

from catalog.cache import BrandDirectory, ShelfCache

shelves = ShelfCache()
brands = BrandDirectory()


async def _load(store_id: str) -> list[dict[str, Any]]:
    return [{"sku": f"{store_id}-1", "price": 100}]


async def shelf_for_member(store_id: str, discount: int) -> list[dict[str, Any]]:
    items = await shelves.shelf(store_id, _load)
    for item in items:
        item["price"] = item["price"] * (100 - discount) // 100  # expect: cache-misuse
    return items


async def shelf_copy_for_member(store_id: str, discount: int) -> list[dict[str, Any]]:
    # look-alike: each item is copied before the member price is set
    items = [dict(item) for item in await shelves.shelf(store_id, _load)]
    for item in items:
        item["price"] = item["price"] * (100 - discount) // 100
    return items


def brand_page(slug: str, viewer: str) -> dict[str, Any]:
    brand = brands.brand(slug)
    if brand is None:
        return {}
    brand["viewer"] = viewer  # expect: cache-misuse
    return brand


def brand_page_copy(slug: str, viewer: str) -> dict[str, Any]:
    found = brands.brand(slug)
    if found is None:
        return {}
    page = dict(found)  # look-alike: a copy carries the viewer
    page["viewer"] = viewer
    return page
