"""Logo and preview processing for uploaded images."""
import asyncio
import io

from PIL import Image

LOGO_BOX = (512, 512)
TILE = 256


def _preview(data: bytes) -> bytes:
    img = Image.open(io.BytesIO(data)).convert("L")
    tile = img.resize((TILE, TILE), Image.LANCZOS)
    out = io.BytesIO()
    tile.save(out, format="PNG")
    return out.getvalue()


class BrandingService:
    async def process_logo(self, upload: bytes) -> bytes:
        img = Image.open(io.BytesIO(upload))
        img.load()
        img = img.convert("RGBA")
        img.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)  # expect: blocking-cpu-in-async
        out = io.BytesIO()
        img.save(out, format="PNG", optimize=True)
        return out.getvalue()

    async def mosaic(self, frames: list[bytes]) -> bytes:
        sheet = Image.new("L", (TILE * len(frames), TILE))
        for index, frame in enumerate(frames):
            img = Image.open(io.BytesIO(frame)).convert("L")
            tile = img.resize((TILE, TILE), Image.LANCZOS)  # expect: blocking-cpu-in-async
            sheet.paste(tile, (index * TILE, 0))
        out = io.BytesIO()
        await asyncio.to_thread(sheet.save, out, "PNG")
        return out.getvalue()

    async def preview(self, frame: bytes) -> bytes:
        return await asyncio.to_thread(_preview, frame)
