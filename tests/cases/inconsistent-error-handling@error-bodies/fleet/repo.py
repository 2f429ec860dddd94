class NotFound(LookupError):
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
