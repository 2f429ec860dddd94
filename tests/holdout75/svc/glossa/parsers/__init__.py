"""Catalog file parsers. Every parser takes the raw upload and returns a Catalog."""
from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath

from glossa.errors import ImportRejected
from glossa.parsers.base import Catalog, CatalogEntry
from glossa.parsers.json_catalog import parse_json
from glossa.parsers.po import parse_po
from glossa.parsers.xliff import parse_xliff

_SNIFF = ((b"<?xml", "xliff"), (b"<xliff", "xliff"), (b"msgid", "po"), (b"#", "po"), (b"{", "json"))
_PARSERS = {"json": parse_json, "po": parse_po, "xliff": parse_xliff}


@lru_cache(maxsize=256)
def _format_for_suffix(suffix: str) -> str | None:
    return {".json": "json", ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff"}.get(suffix.lower())


def detect_format(filename: str, head: bytes) -> str:
    fmt = _format_for_suffix(PurePosixPath(filename).suffix)
    if fmt is not None:
        return fmt
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for prefix, name in _SNIFF:
        if stripped.startswith(prefix):
            return name
    raise ImportRejected(f"unrecognised catalog format: {filename}")


def parse_catalog(fmt: str, data: bytes) -> Catalog:
    try:
        parser = _PARSERS[fmt]
    except KeyError:
        raise ImportRejected(f"unsupported format {fmt!r}") from None
    return parser(data)


__all__ = ["Catalog", "CatalogEntry", "detect_format", "parse_catalog"]
