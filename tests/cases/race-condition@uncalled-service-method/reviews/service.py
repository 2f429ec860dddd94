"""Guest reviews. `submit` and `submit_once` are called from the booking flow, outside this package."""
from collections.abc import Sequence

from fastapi import HTTPException
from sqlalchemy.exc import IntegrityError

from reviews.models import Review
from reviews.repo import ReviewRepository


class ReviewService:
    def __init__(self, repo: ReviewRepository) -> None:
        self._repo = repo

    async def submit(self, stay_id: int, rating: int, body: str) -> Review:
        if await self._repo.exists_for_stay(stay_id):  # expect: race-condition
            raise HTTPException(status_code=409, detail="this stay was already reviewed")
        review = await self._repo.add(Review(stay_id=stay_id, rating=rating, body=body))
        await self._repo.commit()
        return review

    async def submit_once(self, stay_id: int, rating: int, body: str) -> Review:
        if await self._repo.exists_for_stay(stay_id):
            raise HTTPException(status_code=409, detail="this stay was already reviewed")
        try:
            review = await self._repo.add(Review(stay_id=stay_id, rating=rating, body=body))
            await self._repo.commit()
        except IntegrityError:
            raise HTTPException(status_code=409, detail="this stay was already reviewed") from None
        return review

    async def queue(self) -> list[dict]:
        return [{"id": r.id, "rating": r.rating} for r in await self._repo.pending()]

    async def approve(self, ids: Sequence[int]) -> None:
        await self._repo.approve(ids)
        await self._repo.commit()
