"""Player inventory: owned cosmetics, loadouts and salvage."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from cachetools import TTLCache
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache import LoadoutCache
from svc.db.inventory_repo import InventoryRepository
from svc.db.models import ItemDefinition
from svc.db.wallet_repo import WalletRepository

RARITY_WEIGHTS = {"common": 1.0, "rare": 2.5, "epic": 6.0, "legendary": 15.0}
SALVAGE_GEMS_PER_WEIGHT = 4


class ItemDefinitionOut(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: str
    name: str
    slot: str
    rarity: str


class InventoryItemOut(BaseModel):
    definition_id: str
    name: str
    quantity: int
    equipped: bool


EMPTY_SLOT = ItemDefinitionOut(id="none", name="Empty", slot="any", rarity="common")


class DefinitionCache:
    """Process-local cache of catalog definitions; they change only on deploy."""

    def __init__(self) -> None:
        self._by_slot: TTLCache[str, list[ItemDefinitionOut]] = TTLCache(maxsize=64, ttl=300)
        self._by_id: TTLCache[str, ItemDefinitionOut] = TTLCache(maxsize=5_000, ttl=300)

    async def for_slot(
        self, slot: str, loader: Callable[[str], Awaitable[list[ItemDefinition]]]
    ) -> list[ItemDefinitionOut]:
        cached = self._by_slot.get(slot)
        if cached is None:
            cached = [ItemDefinitionOut.model_validate(d) for d in await loader(slot)]
            self._by_slot[slot] = cached
            for definition in cached:
                self._by_id[definition.id] = definition
        return cached

    def known(self, definition_id: str) -> ItemDefinitionOut | None:
        hit = self._by_id.get(definition_id)
        return hit


class InventoryService:
    def __init__(
        self, session: AsyncSession, definitions: DefinitionCache, loadouts: LoadoutCache, wallets: WalletRepository
    ) -> None:
        self._session = session
        self._repo = InventoryRepository(session)
        self._definitions = definitions
        self._loadouts = loadouts
        self._wallets = wallets

    async def list_inventory(self, player_id: int) -> list[InventoryItemOut]:
        items = await self._repo.list_items(player_id)
        return [
            InventoryItemOut(
                definition_id=item.definition_id,
                name=item.definition.name,
                quantity=item.quantity,
                equipped=item.equipped,
            )
            for item in items
        ]

    async def export_names(self, player_id: int) -> dict[str, str]:
        return await self._repo.item_names(player_id)

    async def loadout_options(self, player_id: int, slot: str) -> list[ItemDefinitionOut]:
        options = await self._definitions.for_slot(slot, self._repo.definitions_for_slot)
        options.insert(0, EMPTY_SLOT)
        return options

    async def loadout(self, player_id: int) -> dict[str, Any]:
        stored = await self._loadouts.get(player_id)
        if stored is not None:
            return stored
        items = await self._repo.list_items(player_id)
        rendered = {item.definition.slot: item.definition_id for item in items if item.equipped}
        await self._loadouts.put(player_id, rendered)
        return rendered

    async def equip(self, player_id: int, definition_id: str) -> None:
        item = await self._repo.get_item(player_id, definition_id)
        await self._repo.set_equipped(player_id, definition_id, item.definition.slot)
        await self._session.commit()
        self._loadouts.invalidate(item.player_id)

    @functools.lru_cache(maxsize=None)
    def salvage_value(self, rarity: str, quantity: int) -> int:
        return int(RARITY_WEIGHTS.get(rarity, 1.0) * SALVAGE_GEMS_PER_WEIGHT * quantity)

    async def salvage(self, player_id: int, definition_id: str, quantity: int) -> int:
        definition = self._definitions.known(definition_id) or await self._session.get(ItemDefinition, definition_id)
        rarity = definition.rarity if definition else "common"
        await self._repo.salvage(player_id, definition_id, quantity)
        await self._session.commit()
        await self._loadouts.invalidate(player_id)
        gems = self.salvage_value(rarity, quantity)
        await self._wallets.add_gems(player_id, gems)
        return gems

    async def redeem(self, player_id: int, definition_id: str, quantity: int) -> int:
        remaining = await self._repo.consume(player_id, definition_id, quantity)
        await self._session.commit()
        return remaining
