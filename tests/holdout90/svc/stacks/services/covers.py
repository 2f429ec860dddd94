from __future__ import annotations

from stacks.utils.files import cover_manifest_path, read_json


def load_cover_meta(cover_dir: str, isbn: str) -> dict:
    path = cover_manifest_path(cover_dir, isbn)
    if not path.exists():
        return {"isbn": isbn, "sizes": []}
    return read_json(path)


def cover_summary(cover_dir: str, isbn: str) -> dict:
    meta = load_cover_meta(cover_dir, isbn)
    return {"isbn": isbn, "sizes": sorted(meta.get("sizes", [])), "credit": meta.get("credit")}
