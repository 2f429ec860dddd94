"""Recipe listings: tags come from one batched lookup unless the caller has none to give."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Rating, Recipe
from .tags import Tags


class RecipeTable:
    async def _to_dict(self, recipe: Recipe, tags: Optional[list[str]] = None,
                       db: Optional[AsyncSession] = None) -> dict[str, Any]:
        tags = tags if tags is not None else await Tags.tags_of(recipe.id, db)
        return {"id": recipe.id, "title": recipe.title, "tags": tags}

    async def _with_stars(self, recipe: Recipe, tags: Optional[list[str]], db: AsyncSession) -> dict[str, Any]:
        if tags is None:
            tags = await Tags.tags_of(recipe.id, db)
        rows = await db.execute(select(Rating.stars).where(Rating.recipe_id == recipe.id))
        return {"id": recipe.id, "tags": tags, "stars": list(rows.scalars())}

    async def by_author(self, author_id: int, db: AsyncSession) -> list[dict[str, Any]]:
        recipes = (await db.execute(select(Recipe).where(Recipe.author_id == author_id))).scalars().all()
        tag_map = await Tags.tags_of_many([r.id for r in recipes], db)
        return [await self._to_dict(r, tags=tag_map.get(r.id, []), db=db) for r in recipes]

    async def by_author_positional(self, author_id: int, db: AsyncSession) -> list[dict[str, Any]]:
        recipes = (await db.execute(select(Recipe).where(Recipe.author_id == author_id))).scalars().all()
        tag_map = await Tags.tags_of_many([r.id for r in recipes], db)
        return [await self._to_dict(r, tag_map.get(r.id, []), db) for r in recipes]

    async def untagged_listing(self, db: AsyncSession) -> list[dict[str, Any]]:
        recipes = (await db.execute(select(Recipe).limit(50))).scalars().all()
        return [await self._to_dict(r, db=db) for r in recipes]  # expect: n-plus-one

    async def listing_with_none(self, db: AsyncSession) -> list[dict[str, Any]]:
        recipes = (await db.execute(select(Recipe).limit(50))).scalars().all()
        return [await self._to_dict(r, tags=None, db=db) for r in recipes]  # expect: n-plus-one

    async def rated_listing(self, db: AsyncSession) -> list[dict[str, Any]]:
        recipes = (await db.execute(select(Recipe).limit(50))).scalars().all()
        tag_map = await Tags.tags_of_many([r.id for r in recipes], db)
        out = []
        for recipe in recipes:
            out.append(await self._with_stars(recipe, tag_map.get(recipe.id, []), db))  # expect: n-plus-one
        return out


Recipes = RecipeTable()
