"""Polls the run bucket for folders the sequencer finished copying."""
import asyncio


class FolderWatcher:
    def __init__(self, state) -> None:
        self._state = state
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    async def run(self) -> None:
        while not self._stopped:
            await self.scan_once()
            await self.scan_offloaded()
            await asyncio.sleep(60)

    async def scan_once(self) -> list[str]:
        s3 = self._state.store.raw
        listing = s3.list_objects_v2(Bucket="runs", Prefix="incoming/", Delimiter="/")  # expect: sync-io-in-async
        folders = [p["Prefix"] for p in listing.get("CommonPrefixes", [])]
        return [f for f in folders if await self._state.store.list_keys("runs", f"{f}CopyComplete.txt")]

    async def scan_offloaded(self) -> list[str]:
        s3 = self._state.store.raw
        listing = await asyncio.to_thread(s3.list_objects_v2, Bucket="runs", Prefix="incoming/", Delimiter="/")
        return [p["Prefix"] for p in listing.get("CommonPrefixes", [])]

    async def presign(self, key: str) -> str:
        return self._state.store.raw.generate_presigned_url("get_object", Params={"Bucket": "runs", "Key": key})
