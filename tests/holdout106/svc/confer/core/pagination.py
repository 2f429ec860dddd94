from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    size: int

    @property
    def offset(self) -> int:
        return self.number * self.size

    @property
    def limit(self) -> int:
        return self.size


def page_from_request(request: web.Request, default_size: int = 25) -> Page:
    try:
        number = int(request.query.get("page", "1"))
        size = int(request.query.get("size", str(default_size)))
    except ValueError:
        raise web.HTTPBadRequest(text="page and size must be integers")
    size = min(max(size, 1), MAX_PAGE_SIZE)
    return Page(number=max(number, 1), size=size)


def envelope(items: list, page: Page, total: int) -> dict:
    return {"items": items, "page": page.number, "size": page.size, "total": total}
