from fastapi import FastAPI

from plugins.kinds import Region, SourceKind
from plugins.loader import endpoint, page_title, reader_class

app = FastAPI()


@app.get("/readers/{kind}")
def reader(kind: SourceKind, region: Region | None = None, url: str = "") -> dict:
    return {"reader": reader_class(kind).__name__, "endpoint": endpoint(region), "title": page_title(url)}
