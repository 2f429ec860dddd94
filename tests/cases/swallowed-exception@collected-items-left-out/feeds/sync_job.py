"""Nightly member import from the partner directory."""
import asyncio

import httpx

from .mapping import Member, to_member


class MemberStore:
    async def upsert_many(self, members: list[Member]) -> None:
        ...


async def import_members(client: httpx.AsyncClient, store: MemberStore) -> int:
    resp = await client.get("/members", timeout=10.0)
    resp.raise_for_status()
    members = []
    for raw in resp.json()["items"]:
        try:
            members.append(to_member(raw))
        except KeyError:  # expect: swallowed-exception
            continue
    await store.upsert_many(members)
    return len(members)


async def import_members_tolerant(client: httpx.AsyncClient, store: MemberStore) -> int:
    resp = await client.get("/members", timeout=10.0)
    members = []
    for raw in resp.json()["items"]:
        try:
            members.append(to_member(raw))
        except KeyError:
            continue  # directory placeholders have no id or email; the partner documents them as skippable
    await store.upsert_many(members)
    return len(members)


async def nightly(client: httpx.AsyncClient, store: MemberStore) -> None:
    while True:
        await import_members(client, store)
        await import_members_tolerant(client, store)
        await asyncio.sleep(86400)
