import logging

import aiohttp
import httpx

log = logging.getLogger(__name__)


class DoorGateway:
    def __init__(self, session: aiohttp.ClientSession, http: httpx.AsyncClient) -> None:
        self._session = session
        self._http = http

    async def unlock(self, door_id: str) -> bool:
        async with self._session.post(f"/doors/{door_id}/unlock") as resp:
            if resp.status != 200:  # expect: logging-gap
                return False
            return (await resp.json()).get("accepted", False)

    async def lock(self, door_id: str) -> bool:
        resp = await self._http.post(f"/doors/{door_id}/lock")
        if resp.status_code >= 500:
            resp.raise_for_status()
        if 400 <= resp.status_code < 500:  # expect: logging-gap
            return False
        return True

    async def rename(self, door_id: str, name: str) -> bool:
        # look-alike: the refusal is logged with its status
        resp = await self._http.put(f"/doors/{door_id}", json={"name": name})
        if resp.status_code != 200:
            log.warning("rename of %s refused: %s %s", door_id, resp.status_code, resp.text[:200])
            return False
        return True

    async def forget(self, door_id: str) -> bool:
        # look-alike: a specific code is an ordinary answer (already gone)
        resp = await self._http.delete(f"/doors/{door_id}")
        if resp.status_code == 404:
            return False
        resp.raise_for_status()
        return True

    async def is_online(self, door_id: str) -> bool:
        # look-alike: a predicate, False is its answer
        resp = await self._http.get(f"/doors/{door_id}/ping")
        if resp.status_code != 200:
            return False
        return True

    async def status_of(self, door_id: str) -> int:
        # look-alike: the status is handed back to the caller
        resp = await self._http.get(f"/doors/{door_id}")
        if resp.status_code != 200:
            return resp.status_code
        return 0

    async def settings_of(self, door_id: str) -> dict | None:
        # look-alike: a lookup answering None ("nothing there") on an error
        resp = await self._http.get(f"/doors/{door_id}/settings")
        if not resp.is_success:
            return None
        return resp.json()

    async def mark_open(self, door_id: str) -> bool:
        # look-alike: a send whose failure answer is None, not a success flag
        resp = await self._http.post(f"/doors/{door_id}/opened")
        if resp.status_code >= 400:
            return None
        return True
