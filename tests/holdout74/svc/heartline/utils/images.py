"""Image helpers: thumbnails and perceptual hashes for duplicate detection."""
from __future__ import annotations

import io

from PIL import Image, ImageOps

THUMB_SIZE = (320, 320)


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img).convert("RGB")
        img.thumbnail(THUMB_SIZE)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def perceptual_hash(data: bytes, size: int = 16) -> str:
    """Average hash: greyscale, box-downsample to size x size, threshold each cell on the mean."""
    with Image.open(io.BytesIO(data)) as img:
        grey = ImageOps.exif_transpose(img).convert("L")
        cells = _box_downsample(list(grey.getdata()), grey.width, grey.height, size)
    mean = sum(cells) / len(cells)
    bits = "".join("1" if cell > mean else "0" for cell in cells)
    return f"{int(bits, 2):0{size * size // 4}x}"


def _box_downsample(pixels: list[int], width: int, height: int, size: int) -> list[float]:
    cells: list[float] = []
    for gy in range(size):
        y0, y1 = gy * height // size, max((gy + 1) * height // size, gy * height // size + 1)
        for gx in range(size):
            x0, x1 = gx * width // size, max((gx + 1) * width // size, gx * width // size + 1)
            total = 0
            for y in range(y0, y1):
                row = y * width
                for x in range(x0, x1):
                    total += pixels[row + x]
            cells.append(total / ((y1 - y0) * (x1 - x0)))
    return cells
