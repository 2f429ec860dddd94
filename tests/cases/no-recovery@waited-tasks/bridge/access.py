"""Host access, inherited down a tree of host groups."""
from __future__ import annotations

from typing import Optional

import httpx

_client = httpx.AsyncClient(base_url="http://directory")


async def group_of(group_id: str) -> Optional[dict]:
    response = await _client.get(f"/groups/{group_id}")
    return response.json() if response.status_code == 200 else None


async def still_allowed(host_id: str) -> bool:
    response = await _client.get(f"/hosts/{host_id}/access")
    if response.status_code != 200:
        return False
    group = await group_of(response.json()["group_id"])
    seen: set[str] = set()
    while group and group["id"] not in seen:
        seen.add(group["id"])
        if group.get("open"):
            return True
        group = await group_of(group["parent_id"]) if group.get("parent_id") else None
    return False
