"""Looks up the records a notice template mentions, in parallel."""
from __future__ import annotations

import asyncio

import httpx

REMOTE_KINDS = frozenset({"order", "invoice", "customer"})


class TemplateLookups:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://records.example", timeout=10)

    async def fetch_record(self, kind: str, ref: str) -> dict:
        resp = await self._http.get(f"/{kind}s/{ref}")
        return resp.json()

    async def fetch_settings(self) -> dict:
        resp = await self._http.get("/settings")
        return resp.json()

    async def for_template(self, mentioned: list[str], ref: str) -> dict:
        """At most one call per kind the code knows: the mentions are de-duplicated first."""
        wanted = sorted(set(mentioned))
        calls = []
        for kind in wanted:
            if kind in REMOTE_KINDS:
                calls.append(self.fetch_record(kind, ref))
            elif kind == "settings":
                calls.append(self.fetch_settings())
        return dict(zip(wanted, await asyncio.gather(*calls)))

    async def for_each_mention(self, mentioned: list[str], ref: str) -> list[dict]:
        """The mentions as written, repeats included: one call per mention."""
        calls = []
        for kind in mentioned:
            if kind in REMOTE_KINDS:
                calls.append(self.fetch_record(kind, ref))
        return await asyncio.gather(*calls)  # expect: backpressure

    async def for_every_kind(self, mentioned: list[str], ref: str) -> list[dict]:
        """Only some calls are gated: the others follow the data."""
        kinds = set(mentioned)
        calls = []
        for kind in kinds:
            if kind in REMOTE_KINDS:
                calls.append(self.fetch_record(kind, ref))
            else:
                calls.append(self.fetch_record("other", kind))
        return await asyncio.gather(*calls)  # expect: backpressure
