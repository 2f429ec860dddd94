"""Season summaries built from ranking snapshots."""
import copy
import logging
import statistics

from stats.client import Entry, RankingClient

logger = logging.getLogger(__name__)


def publish(entries: list[Entry]) -> None:
    logger.info("publishing %d entries", len(entries))


class SummaryService:
    def __init__(self, client: RankingClient, cache) -> None:
        self._client = client
        self._cache = cache

    async def median(self, limit: int) -> float:
        entries = copy.deepcopy(await self._client.top(limit))  # expect: unnecessary-copy
        scores = [entry.score for entry in entries]
        return statistics.median(scores) if scores else 0.0

    async def audit(self, limit: int) -> int:
        fetched = await self._client.top(limit)
        entries = copy.deepcopy(fetched)  # expect: unnecessary-copy
        unknown = [e for e in entries if not e.tags]
        for entry in unknown:
            logger.warning("entry %s has no tags (score %s)", entry.player, entry.score)
        return len(unknown)

    async def normalised(self, limit: int) -> list[Entry]:
        entries = copy.deepcopy(await self._client.top(limit))
        for entry in entries:
            entry.score = round(entry.score, 1)
        return entries

    async def tagged(self, limit: int) -> int:
        entries = copy.deepcopy(await self._client.top(limit))
        for entry in entries:
            entry.tags.append("seen")
        return len(entries)

    async def published(self, limit: int) -> None:
        entries = copy.deepcopy(await self._client.top(limit))
        publish(entries)

    async def compared(self, limit: int) -> bool:
        fetched = await self._client.top(limit)
        before = copy.deepcopy(fetched)
        fetched.sort(key=lambda e: e.score)
        return [e.player for e in before] == [e.player for e in fetched]

    async def cached(self, limit: int) -> float:
        entries = copy.deepcopy(await self._cache.get_top(limit))
        return max((e.score for e in entries), default=0.0)

    async def ranked_players(self, limit: int) -> list[tuple[int, str]]:
        fetched = await self._client.top(limit)
        entries = copy.deepcopy(fetched)  # expect: unnecessary-copy
        best: dict[str, float] = {}
        for index in range(len(entries)):
            player = entries[index]
            best[player.player] = max(best.get(player.player, 0.0), player.score)
        ordered = sorted(best, key=lambda p: -best[p])
        rows = [(pos, player) for pos, player in enumerate(ordered, 1)]
        publish(rows)
        return rows

    async def tag_lists(self, limit: int) -> list:
        fetched = await self._client.top(limit)
        entries = copy.deepcopy(fetched)
        kept = []
        for entry in entries:
            player = entry
            rows = [player for _ in range(2)]
            kept.append(rows)
        return kept
