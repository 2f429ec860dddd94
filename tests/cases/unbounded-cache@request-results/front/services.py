import secrets


def render_pass(name: str) -> bytes:
    return name.encode()


class VisitorDesk:
    def __init__(self) -> None:
        self._visits: dict[int, int] = {}  # a count per visitor, not a kept result
        self._passes: dict[int, bytes] = {}  # expect: unbounded-cache
        self._tokens: dict[str, int] = {}

    async def check_in(self, visitor_id: int, name: str) -> None:
        self._visits[visitor_id] = self._visits.get(visitor_id, 0) + 1
        self._passes[visitor_id] = render_pass(name)

    def visit_count(self, visitor_id: int) -> int:
        return self._visits.get(visitor_id, 0)

    def pass_image(self, visitor_id: int) -> bytes | None:
        return self._passes.get(visitor_id)

    async def invite(self, visitor_id: int) -> str:
        token = secrets.token_urlsafe(16)
        self._tokens[token] = visitor_id
        return token

    async def redeem(self, token: str) -> int | None:
        return self._tokens.pop(token, None)  # consumed on use: every entry is removed once redeemed


class Badges:
    """Built for one request: its dict goes with it."""

    def __init__(self) -> None:
        self._images: dict[int, bytes] = {}

    def add(self, visitor_id: int, name: str) -> None:
        self._images[visitor_id] = render_pass(name)

    def image(self, visitor_id: int) -> bytes | None:
        return self._images.get(visitor_id)
