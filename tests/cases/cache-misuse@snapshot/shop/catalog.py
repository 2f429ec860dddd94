"""Category data reloaded when stale: snapshots handed out by reference, and safe forms."""
from __future__ import annotations

import copy
import time
from typing import Any

import httpx

from shop.repository import CategoryRepository

_TTL = 600.0


class CategoryTree:
    def __init__(self, repo: CategoryRepository) -> None:
        self._repo = repo
        self._tree: dict[str, dict[str, Any]] = {}
        self._loaded_at = 0.0

    async def tree(self) -> dict[str, dict[str, Any]]:
        if time.monotonic() - self._loaded_at > _TTL:
            self._tree = await self._load()
            self._loaded_at = time.monotonic()
        return self._tree  # expect: cache-misuse

    async def _load(self) -> dict[str, dict[str, Any]]:
        rows = await self._repo.all_ordered()
        return {row["slug"]: {"name": row["name"], "hidden": row["hidden"]} for row in rows}


class SafeCategoryTree(CategoryTree):
    async def tree(self) -> dict[str, dict[str, Any]]:
        if time.monotonic() - self._loaded_at > _TTL:
            self._tree = await self._load()
            self._loaded_at = time.monotonic()
        return copy.deepcopy(self._tree)


class SlugList:
    def __init__(self, repo: CategoryRepository) -> None:
        self._repo = repo
        self._slugs: tuple[str, ...] = ()

    async def slugs(self) -> tuple[str, ...]:
        if not self._slugs:
            self._slugs = tuple(row["slug"] for row in await self._repo.all_ordered())
        return self._slugs


class Breadcrumbs:
    def __init__(self) -> None:
        self._trail: list[str] = []

    def push(self, slug: str) -> None:
        self._trail.append(slug)

    def trail(self) -> list[str]:
        return self._trail


class Lookup:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._client: httpx.AsyncClient | None = None

    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(base_url=self._base_url)
        return self._client
