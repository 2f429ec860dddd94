from ratings.repo import AuditedRatingRepo, RatingRepo


async def rate(session, trip_id: int, stars: int) -> None:
    await RatingRepo(session).add(trip_id, stars)  # expect: wrong-call


async def rate_audited(session, trip_id: int, stars: int) -> None:
    # look-alikes: the subclass's own signature accepts it, and a full call
    await AuditedRatingRepo(session).add(trip_id, stars)
    await RatingRepo(session).add(trip_id, stars, None)


async def latest(session, trip_id: int):
    return await RatingRepo(session).latest_for_trip(trip_id)  # expect: wrong-call


async def add_again(session, trip_id: int) -> None:
    # look-alike: a method the freshly built repository defines
    await RatingRepo(session).add(trip_id, 5, None)
