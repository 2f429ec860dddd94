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


def _repo(session) -> RatingRepo:
    return RatingRepo(session)


def _any_repo(session, audited: bool) -> RatingRepo:
    return AuditedRatingRepo(session) if audited else RatingRepo(session)


def _audited(session) -> AuditedRatingRepo:
    return AuditedRatingRepo(session)


async def rate_through_helper(session, trip_id: int, stars: int) -> None:
    await _audited(session).add(trip_id, stars, note="late")  # expect: wrong-call
    await _audited(session).add(trip_id, stars, actor="ops")


async def rate_through_open_helper(session, trip_id: int, stars: int) -> None:
    # look-alike: a helper declared to return the base class may hand back the subclass,
    # whose `add` takes two arguments
    await _repo(session).add(trip_id, stars)
    await _any_repo(session, True).add(trip_id, stars)


def label(session) -> str:
    # look-alike: `upper` is called on what `describe()` returns, not on the repository
    return _audited(session).describe().upper() + RatingRepo(session).session.dsn.upper()
