from ratings.repo import AuditedRatingRepo, RatingRepo


async def rate(session, trip_id: int, stars: int) -> None:
    await RatingRepo(session).add(trip_id, stars)  # expect: wrong-call


async def rate_audited(session, trip_id: int, stars: int) -> None:
    # look-alikes: the subclass's own signature accepts it, and a full call
    await AuditedRatingRepo(session).add(trip_id, stars)
    await RatingRepo(session).add(trip_id, stars, None)
