class RatingRepo:
    def __init__(self, session) -> None:
        self.session = session

    async def add(self, trip_id: int, stars: int, comment: str | None) -> None:
        await self.session.execute("INSERT INTO ratings VALUES (:t, :s, :c)", {"t": trip_id, "s": stars, "c": comment})


class AuditedRatingRepo(RatingRepo):
    async def add(self, trip_id: int, stars: int, comment: str | None = None, actor: str = "") -> None:
        await super().add(trip_id, stars, comment)

    def describe(self) -> str:
        return f"audited ratings on {self.session}"
