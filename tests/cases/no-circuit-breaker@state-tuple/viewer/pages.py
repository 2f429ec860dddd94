from viewer.clients import Renderer


class PageService:
    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer

    async def page(self, doc: str, page: int) -> bytes:
        return await self._renderer.render(doc, page)
