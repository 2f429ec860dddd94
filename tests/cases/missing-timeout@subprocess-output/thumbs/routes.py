from __future__ import annotations

from fastapi import APIRouter

from thumbs.media import tools

router = APIRouter()


@router.post("/images/{name}/thumbnail")
async def thumbnail(name: str) -> dict:
    path = f"/srv/images/{name}"
    width, height = await tools.image_size(path)
    meta = await tools.probe(path)
    await tools.render(path, path + ".thumb.jpg")
    await tools.optimise(path + ".thumb.jpg")
    await tools.serve_previews("/srv/previews")
    return {"width": width, "height": height, "format": meta.get("format", {})}
