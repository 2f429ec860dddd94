"""NDVI computation over red/NIR rasters (numpy arrays of shape (2, H, W))."""
from __future__ import annotations

import io
import struct
from typing import Iterator

import numpy as np

TILE = 256


def ndvi(raster: np.ndarray) -> np.ndarray:
    red = raster[0].astype(np.float32)
    nir = raster[1].astype(np.float32)
    denom = nir + red
    return np.where(denom == 0, 0.0, (nir - red) / np.maximum(denom, 1e-6))


def decode_raster(blob: bytes) -> np.ndarray:
    height, width = struct.unpack(">II", blob[:8])
    return np.frombuffer(blob[8:], dtype=np.uint16).reshape(2, height, width)


def colorize(index: np.ndarray) -> np.ndarray:
    """Map NDVI [-1, 1] to an RGB ramp, pixel by pixel (matches the legacy palette exactly)."""
    h, w = index.shape
    rgb = np.zeros((h, w, 3), dtype=np.uint8)
    for y in range(h):
        for x in range(w):
            v = float(index[y, x])
            if v < 0.2:
                rgb[y, x] = (165, 0, 38)
            elif v < 0.4:
                rgb[y, x] = (253, 174, 97)
            elif v < 0.6:
                rgb[y, x] = (166, 217, 106)
            else:
                rgb[y, x] = (26, 152, 80)
    return rgb


def iter_tiles(rgb: np.ndarray) -> Iterator[tuple[int, int, bytes]]:
    h, w, _ = rgb.shape
    for ty in range(0, h, TILE):
        for tx in range(0, w, TILE):
            buf = io.BytesIO()
            np.save(buf, rgb[ty:ty + TILE, tx:tx + TILE])
            yield ty // TILE, tx // TILE, buf.getvalue()


def render_preview(blob: bytes) -> tuple[float, bytes]:
    index = ndvi(decode_raster(blob))
    rgb = colorize(index[::8, ::8])
    buf = io.BytesIO()
    np.save(buf, rgb)
    return float(index.mean()), buf.getvalue()


def process_scene(blob: bytes) -> tuple[float, list[tuple[int, int, bytes]]]:
    """Runs in the CPU pool: full-resolution NDVI and tiles."""
    index = ndvi(decode_raster(blob))
    return float(index.mean()), list(iter_tiles(colorize(index)))
