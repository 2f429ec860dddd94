from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile, status

from svc.api.deps import current_seller, get_listing_service
from svc.db.models import Seller
from svc.schemas import FeedPage, ListingCard, ListingCreate, ListingPage, SearchResult
from svc.services.listings import ListingService

router = APIRouter(tags=["listings"])


@router.post("/listings", status_code=status.HTTP_201_CREATED)
async def create_listing(
    body: ListingCreate,
    seller: Seller = Depends(current_seller),
    service: ListingService = Depends(get_listing_service),
) -> dict[str, int]:
    listing = await service.create(seller.id, body)
    return {"id": listing.id}


@router.get("/listings", response_model=list[ListingCard])
async def browse_listings(
    category: str,
    page: int = Query(1, ge=1),
    page_size: int = Query(24, ge=1, le=100),
    service: ListingService = Depends(get_listing_service),
) -> list[ListingCard]:
    return await service.browse(category, page, page_size)


@router.get("/listings/feed", response_model=FeedPage)
async def listing_feed(
    category: str,
    cursor: int | None = None,
    limit: int = Query(24, ge=1, le=100),
    service: ListingService = Depends(get_listing_service),
) -> FeedPage:
    return await service.feed(category, cursor, limit)


@router.get("/listings/{listing_id}", response_model=ListingPage)
async def listing_page(listing_id: int, service: ListingService = Depends(get_listing_service)) -> ListingPage:
    return await service.detail_page(listing_id)


@router.patch("/listings/{listing_id}/price")
async def update_price(
    listing_id: int,
    price_minor: int = Query(gt=0),
    seller: Seller = Depends(current_seller),
    service: ListingService = Depends(get_listing_service),
) -> dict[str, int]:
    listing = await service.update_price(seller.id, listing_id, price_minor)
    return {"id": listing.id, "price_minor": listing.price_minor}


@router.post("/listings/{listing_id}/image", status_code=status.HTTP_201_CREATED)
async def upload_listing_image(
    listing_id: int,
    request: Request,
    image: UploadFile = File(...),
    seller: Seller = Depends(current_seller),
    service: ListingService = Depends(get_listing_service),
) -> dict[str, str]:
    key = await request.app.state.media.ingest_listing_image(listing_id, image)
    await service.set_image(seller.id, listing_id, key)
    return {"image_key": key}


@router.get("/categories")
async def categories(request: Request, include_hidden: bool = False) -> dict[str, Any]:
    tree = await request.app.state.catalog.tree()
    if not include_hidden:
        for slug in [slug for slug, node in tree.items() if node["hidden"]]:
            del tree[slug]
    return tree


@router.get("/search", response_model=list[SearchResult])
async def search(
    request: Request,
    q: str = Query(min_length=1, max_length=200),
    category: str | None = None,
    size: int = Query(24, ge=1, le=60),
) -> list[SearchResult]:
    return await request.app.state.search.search(q, category, size)
