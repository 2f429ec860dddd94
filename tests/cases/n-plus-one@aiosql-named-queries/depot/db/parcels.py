"""Parcel reads on the connection of the request."""
from __future__ import annotations

from asyncpg import Connection

from depot.db.queries import queries


class ParcelRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def recipient(self, recipient_id: int):
        return await queries.get_recipient_by_id(self._conn, recipient_id=recipient_id)

    async def manifest(self, route_id: int) -> list[dict]:
        parcels = await queries.list_parcels_for_route(self._conn, route_id=route_id)
        return [
            {"parcel": p["id"], "to": await self.recipient(p["recipient_id"])}  # expect: n-plus-one
            for p in parcels
        ]

    async def manifest_batched(self, route_id: int) -> list[dict]:
        parcels = await queries.list_parcels_for_route(self._conn, route_id=route_id)
        ids = list({p["recipient_id"] for p in parcels})
        people = {r["id"]: r for r in await queries.get_recipients_by_ids(self._conn, recipient_ids=ids)}
        return [{"parcel": p["id"], "to": people.get(p["recipient_id"])} for p in parcels]

    async def load(self, parcel_ids: list[int]) -> None:
        await queries.mark_parcels_loaded(self._conn, [{"parcel_id": i} for i in parcel_ids])

    async def load_routes(self, parcels_by_route: dict[int, list[int]]) -> None:
        for route_id, parcel_ids in parcels_by_route.items():
            await queries.mark_parcels_loaded(self._conn, [{"parcel_id": i} for i in parcel_ids])
