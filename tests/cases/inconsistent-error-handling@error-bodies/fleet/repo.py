class NotFound(LookupError):
    pass


class NoSlot(RuntimeError):
    pass


class Repo:
    def __init__(self) -> None:
        self.rows: dict[int, dict] = {}

    async def get(self, key: int) -> dict:
        if key not in self.rows:
            raise NotFound(key)
        return self.rows[key]

    async def search(self, text: str) -> list[dict]:
        return [row for row in self.rows.values() if text in row.get("name", "")]

    async def book(self, key: int) -> str:
        row = await self.get(key)
        if row.get("serviced"):
            raise NoSlot(f"vehicle {key} already booked")
        return f"{row.get('depot', 'main')}-09:00"

    async def inspect(self, key: int) -> bool:
        row = await self.get(key)
        return row.get("brakes_ok", False)
