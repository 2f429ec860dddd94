"""Tag lookups, one recipe at a time or for many at once."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import RecipeTag


class TagTable:
    async def tags_of(self, recipe_id: int, db: AsyncSession) -> list[str]:
        rows = await db.execute(select(RecipeTag.tag).where(RecipeTag.recipe_id == recipe_id))
        return list(rows.scalars())

    async def tags_of_many(self, recipe_ids: list[int], db: AsyncSession) -> dict[int, list[str]]:
        rows = await db.execute(select(RecipeTag).where(RecipeTag.recipe_id.in_(recipe_ids)))
        found: dict[int, list[str]] = {}
        for row in rows.scalars():
            found.setdefault(row.recipe_id, []).append(row.tag)
        return found


Tags = TagTable()
