"""Loads the reader class of each source kind on first use."""
import importlib
from typing import Optional

from plugins.kinds import Region, SourceKind

READERS = {SourceKind.WIKI: ("plugins.wiki", "WikiReader"), SourceKind.TICKETS: ("plugins.tickets", "TicketReader")}

_reader_cache: dict[SourceKind, type] = {}
_region_cache: dict[Region, str] = {}
_page_cache: dict[str, str] = {}  # expect: unbounded-cache


def reader_class(kind: SourceKind) -> type:
    # look-alike: keyed by an Enum member, at most one entry per declared kind
    if kind in _reader_cache:
        return _reader_cache[kind]
    module_path, name = READERS[kind]
    cls = getattr(importlib.import_module(module_path), name)
    _reader_cache[kind] = cls
    return cls


def endpoint(region: Optional[Region]) -> str:
    # look-alike: an optional Enum member, one entry per member and one for None
    if region in _region_cache:
        return _region_cache[region]
    url = f"https://{region.value if region else 'eu'}.example.com"
    _region_cache[region] = url
    return url


def page_title(url: str) -> str:
    if url in _page_cache:
        return _page_cache[url]
    title = url.rsplit("/", 1)[-1]
    _page_cache[url] = title
    return title
