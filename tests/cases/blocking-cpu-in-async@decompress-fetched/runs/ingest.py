"""Loads the demultiplexing statistics of a finished sequencing run."""
import asyncio
import gzip
import json
import zlib

from runs.store import RunStore


def _parse_stats(raw: bytes) -> dict:
    return json.loads(gzip.decompress(raw))


class IngestService:
    def __init__(self, store: RunStore) -> None:
        self._store = store

    async def read_counts(self, folder: str) -> dict[str, int]:
        raw = await self._store.get_bytes(f"{folder}/Stats.json.gz")
        stats = json.loads(gzip.decompress(raw))  # expect: blocking-cpu-in-async
        return {r["SampleName"]: r["NumberReads"] for lane in stats["ConversionResults"] for r in lane["DemuxResults"]}

    async def read_counts_offloaded(self, folder: str) -> dict:
        raw = await self._store.get_bytes(f"{folder}/Stats.json.gz")
        return await asyncio.to_thread(_parse_stats, raw)

    async def archive_copy(self, folder: str) -> bytes:
        """The blob is kept as bytes: nothing is parsed."""
        raw = await self._store.get_bytes(f"{folder}/Stats.json.gz")
        return gzip.decompress(raw)

    async def read_manifest(self, folder: str) -> dict:
        """Text, not bytes: a small manifest the store hands back decoded."""
        text = await self._store.get_text(f"{folder}/manifest.txt")
        return json.loads(zlib.decompress(text.encode("latin-1")))
