from __future__ import annotations

import asyncio
import io
import logging
import os
from dataclasses import dataclass

from PIL import Image

from readroom.clients.pacs_client import PacsClient
from readroom.settings import get_settings
from readroom.utils.dicom_tags import dicomweb_value, parse_da_tm

log = logging.getLogger(__name__)

SERIES_UID = "0020000E"
SOP_UID = "00080018"
MODALITY = "00080060"
SERIES_DESC = "0008103E"
BODY_PART = "00180015"
STUDY_DATE = "00080020"
STUDY_TIME = "00080030"
SLICE_THICKNESS = "00180050"

TILE = 256
MAX_TILES = 9


@dataclass
class ExtractedMetadata:
    series: list[dict]
    num_series: int
    num_instances: int
    body_part: str | None
    modality: str | None
    study_datetime: str | None
    thumbnail_path: str | None


class MetadataExtractor:
    def __init__(self, pacs: PacsClient) -> None:
        self.pacs = pacs
        self.settings = get_settings()
        self._series_cache: dict[str, list[dict]] = {}

    async def extract(self, study_uid: str) -> ExtractedMetadata:
        try:
            instances = await self.pacs.study_metadata(study_uid)
        except Exception:
            instances = []

        series_map: dict[str, dict] = {}
        seen: list[str] = []
        for ds in instances:
            sop_uid = dicomweb_value(ds, SOP_UID)
            if sop_uid in seen:
                continue
            seen.append(sop_uid)
            series_uid = dicomweb_value(ds, SERIES_UID)
            entry = series_map.setdefault(
                series_uid,
                {
                    "series_uid": series_uid,
                    "modality": dicomweb_value(ds, MODALITY),
                    "description": dicomweb_value(ds, SERIES_DESC),
                    "slice_thickness": dicomweb_value(ds, SLICE_THICKNESS),
                    "instances": [],
                },
            )
            entry["instances"].append(sop_uid)

        series = sorted(series_map.values(), key=lambda s: (s["modality"] or "", s["description"] or ""))
        self._series_cache[study_uid] = series

        first = instances[0] if instances else {}
        when = parse_da_tm(dicomweb_value(first, STUDY_DATE), dicomweb_value(first, STUDY_TIME))
        thumb = await self._build_mosaic(study_uid, series) if series else None
        return ExtractedMetadata(
            series=[{k: v for k, v in s.items() if k != "instances"} | {"count": len(s["instances"])} for s in series],
            num_series=len(series),
            num_instances=len(seen),
            body_part=dicomweb_value(first, BODY_PART),
            modality=dicomweb_value(first, MODALITY),
            study_datetime=when.isoformat() if when else None,
            thumbnail_path=thumb,
        )

    def cached_series(self, study_uid: str) -> list[dict] | None:
        return self._series_cache.get(study_uid)

    async def _build_mosaic(self, study_uid: str, series: list[dict]) -> str | None:
        picks = series[:MAX_TILES]
        frames = await asyncio.gather(
            *(self.pacs.rendered_frame(study_uid, s["series_uid"], s["instances"][len(s["instances"]) // 2]) for s in picks),
            return_exceptions=True,
        )
        cols = 3
        rows = (len(picks) + cols - 1) // cols
        mosaic = Image.new("L", (cols * TILE, rows * TILE))
        for idx, frame in enumerate(frames):
            if isinstance(frame, BaseException):
                log.info("skipping tile for %s: %s", study_uid, frame)
                continue
            img = Image.open(io.BytesIO(frame)).convert("L")
            tile = img.resize((TILE, TILE), Image.LANCZOS)
            mosaic.paste(tile, ((idx % cols) * TILE, (idx // cols) * TILE))
        path = os.path.join(self.settings.thumbnail_dir, f"{study_uid}.jpg")
        await asyncio.to_thread(mosaic.save, path, "JPEG", quality=80)
        return path

    async def single_thumbnail(self, frame: bytes, path: str) -> str:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, _thumbnail_to_file, frame, path)
        return path


def _thumbnail_to_file(frame: bytes, path: str) -> None:
    img = Image.open(io.BytesIO(frame))
    img.thumbnail((TILE, TILE))
    img.save(path, "JPEG", quality=80)


# Hanging-protocol hints: which series the viewer should lay out first.
_SERIES_RULES: list[tuple[str, tuple[str, ...], int]] = [
    ("CT", ("axial", "ax ", "thin"), 10),
    ("CT", ("cor", "coronal"), 20),
    ("CT", ("sag", "sagittal"), 30),
    ("MR", ("t1", "mprage"), 10),
    ("MR", ("t2", "flair"), 20),
    ("MR", ("dwi", "adc", "diffusion"), 30),
    ("MR", ("swi", "gre"), 40),
    ("MG", ("cc",), 10),
    ("MG", ("mlo",), 20),
]


def series_rank(series: dict) -> int:
    modality = (series.get("modality") or "").upper()
    desc = (series.get("description") or "").lower()
    for rule_modality, needles, rank in _SERIES_RULES:
        if rule_modality == modality and any(n in desc for n in needles):
            return rank
    return 100


def hanging_protocol(series: list[dict], max_viewports: int = 4) -> list[dict]:
    ordered = sorted(series, key=lambda s: (series_rank(s), s.get("description") or ""))
    layout = []
    for slot, s in enumerate(ordered[:max_viewports]):
        layout.append({"viewport": slot, "series_uid": s["series_uid"], "description": s.get("description")})
    return layout


def is_thin_slice(series: dict, threshold_mm: float = 1.5) -> bool:
    try:
        return float(series.get("slice_thickness") or 99) <= threshold_mm
    except (TypeError, ValueError):
        return False
