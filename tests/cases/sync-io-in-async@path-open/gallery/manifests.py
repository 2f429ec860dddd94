"""Photo manifests kept as JSON files next to the uploads."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST_DIR = "/var/lib/gallery/manifests"


def _manifest_path(album_id: int) -> Path:
    return Path(MANIFEST_DIR) / f"{album_id}.json"


def load_manifest(album_id: int) -> dict[str, Any]:
    with _manifest_path(album_id).open(encoding="utf-8") as fh:  # expect: sync-io-in-async
        return json.load(fh)


def load_archive(album_id: int) -> dict[str, Any]:
    with (Path(MANIFEST_DIR) / "archive" / f"{album_id}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def load_draft(album_id: int) -> dict[str, Any]:
    with _manifest_path(album_id).with_suffix(".draft").open(encoding="utf-8") as fh:
        return json.load(fh)
