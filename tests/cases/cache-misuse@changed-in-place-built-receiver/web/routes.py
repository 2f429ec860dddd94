"""Menu endpoints."""
from __future__ import annotations

from kitchen.menus import MenuService, menu_copy, sections_of


async def open_sections(db, restaurant_id: int, sold_out: set[str]) -> dict[str, list[str]]:
    sections = await sections_of(db, restaurant_id)
    for name in sold_out:
        sections[name] = []  # expect: cache-misuse
    return sections


async def menu_page(db, restaurant_id: int, lang: str) -> dict:
    summary = await MenuService(db).summary(restaurant_id)
    summary["lang"] = lang  # expect: cache-misuse
    return {**summary, "title": f"Menu ({lang})"}


async def menu_for_guest(db, restaurant_id: int, lang: str) -> dict:
    # correct: the cache hands out a copy
    menu = await menu_copy(db, restaurant_id)
    menu["lang"] = lang
    return menu


async def menu_page_copied(db, restaurant_id: int, lang: str) -> dict:
    # correct: a copy is changed
    summary = dict(await MenuService(db).summary(restaurant_id))
    summary["lang"] = lang
    return summary
