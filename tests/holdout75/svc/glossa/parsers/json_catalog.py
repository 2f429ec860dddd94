"""Nested JSON catalogs (i18next / vue-i18n style): {"home": {"title": "Welcome"}} -> home.title."""
from __future__ import annotations

import json
from collections.abc import Iterator

from glossa.errors import ParseError
from glossa.parsers.base import Catalog, CatalogEntry

LOCALE_KEY = "@locale"


def parse_json(data: bytes) -> Catalog:
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise ParseError("a JSON catalog must be an object at the top level")
    locale = doc.pop(LOCALE_KEY, None)
    catalog = Catalog.empty("json", locale=locale if isinstance(locale, str) else None)
    for key, value in _flatten(doc):
        catalog.entries.append(CatalogEntry(key=key, source=value))
    return catalog


def _flatten(doc: dict) -> Iterator[tuple[str, str]]:
    stack: list[tuple[tuple[str, ...], object]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for child_key, child in reversed(list(node.items())):
                stack.append((path + (str(child_key),), child))
        elif isinstance(node, str):
            yield ".".join(path), node
        elif node is None:
            continue
        else:
            raise ParseError(f"unsupported value of type {type(node).__name__} at {'.'.join(path)}")
