from __future__ import annotations

from docs.errors import LinkExpired, QuotaSpent, UnsupportedUpload

ALLOWED = {"text/plain", "application/pdf"}


class DocStore:
    def __init__(self) -> None:
        self.links: dict[str, float] = {}
        self.used = 0

    async def upload(self, name: str, content_type: str) -> str:
        if content_type not in ALLOWED:
            raise UnsupportedUpload(f"{content_type} is not accepted")
        if self.used >= 100:
            raise QuotaSpent("upload quota spent")
        self.used += 1
        return name

    async def open_link(self, token: str, now: float) -> str:
        if self.links.get(token, 0.0) < now:
            raise LinkExpired("the link has expired")
        return token
