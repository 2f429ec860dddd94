from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from PIL import Image

THUMB_SIZE = (320, 240)


@dataclass
class DecodedFrame:
    width: int
    height: int
    jpeg: bytes


def decode_data_url(data_url: str) -> bytes | None:
    header, _, payload = data_url.partition(",")
    if not header.startswith("data:image/"):
        return None
    try:
        return base64.b64decode(payload, validate=True)
    except:
        return None


def normalise_frame(raw: bytes) -> DecodedFrame:
    """Re-encode a webcam frame as a bounded-size JPEG and strip EXIF."""
    with Image.open(io.BytesIO(raw)) as img:
        img = img.convert("RGB")
        img.thumbnail(THUMB_SIZE)
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=70, optimize=True)
        return DecodedFrame(width=img.width, height=img.height, jpeg=out.getvalue())


def frame_brightness(raw: bytes) -> float:
    with Image.open(io.BytesIO(raw)) as img:
        grey = img.convert("L").resize((64, 48))
        pixels = list(grey.getdata())
    return sum(pixels) / (len(pixels) * 255.0)
