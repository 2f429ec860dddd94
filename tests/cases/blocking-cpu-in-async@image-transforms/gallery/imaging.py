"""Image helpers for uploaded photos."""
import io

from PIL import Image, ImageOps

THUMB_SIZE = (400, 400)
AVATAR_SIZE = (96, 96)


def make_thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as original:
        upright = ImageOps.exif_transpose(original)
        upright.thumbnail(THUMB_SIZE, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        upright.save(out, format="JPEG", quality=82)
        return out.getvalue()


def make_avatar(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as original:
        square = ImageOps.fit(original, AVATAR_SIZE)
        out = io.BytesIO()
        square.save(out, format="PNG")
        return out.getvalue()


def photo_format(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as original:
        upright = ImageOps.exif_transpose(original)
        return f"{upright.format}:{upright.mode}"


def average_hash(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as original:
        grey = ImageOps.exif_transpose(original).convert("L")
        cells = list(grey.getdata())
    mean = sum(cells) / len(cells)
    return "".join("1" if cell > mean else "0" for cell in cells)


def grey_preview(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as original:
        grey = ImageOps.exif_transpose(original).convert("L")
        out = io.BytesIO()
        grey.save(out, format="PNG")
        return out.getvalue()
