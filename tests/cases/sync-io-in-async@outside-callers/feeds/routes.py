from fastapi import APIRouter
from fastapi.responses import FileResponse

from feeds.exports import write_csv
from feeds.service import FeedService

router = APIRouter()


@router.get("/feeds/{slug}")
async def feed(slug: str) -> dict:
    return await FeedService().get_feed(slug)


@router.get("/feeds/{slug}/export")
async def export(slug: str) -> FileResponse:
    body = await FeedService().get_feed(slug)
    path = write_csv([(slug, body["title"])])
    return FileResponse(path)


async def smoke() -> None:
    """A module-level check nothing calls: a script left beside the routes, not serving code."""
    with open("/tmp/feeds/sample.xml") as fh:
        fh.read()
