"""Static bundles, built on first use and kept per build key."""
from __future__ import annotations

import functools
import shutil

import requests

_BUNDLES: dict[tuple[str, bool], str] = {}


def _rebuild(target: str) -> str:
    shutil.rmtree(target, ignore_errors=True)  # expect: sync-io-in-async
    shutil.copytree("assets", target)
    return target


def bundle_for(theme: str, minified: bool = False) -> str:
    key = (theme, minified)
    if key in _BUNDLES and not minified:
        return _BUNDLES[key]
    built = _rebuild(f"/srv/bundles/{theme}")
    _BUNDLES[key] = built
    return built


@functools.lru_cache(maxsize=None)
def manifest_text(name: str) -> str:
    return requests.get(f"https://cdn.example.com/manifests/{name}", timeout=5).text  # expect: sync-io-in-async


def purge(theme: str) -> None:
    shutil.rmtree(f"/srv/cache/{theme}")  # expect: sync-io-in-async
