"""Drops webhook deliveries the provider retries."""
from __future__ import annotations


class DeliveryFilter:
    def __init__(self) -> None:
        self._processed_ids: set[str] = set()  # expect: unbounded-cache

    def is_new(self, delivery_id: str) -> bool:
        if delivery_id in self._processed_ids:
            return False
        self._processed_ids.add(delivery_id)
        return True


class SubscriberSet:
    """Open streams: removed when the stream ends, so it stays as small as the live set."""

    def __init__(self) -> None:
        self._seen_streams: set[str] = set()

    def opened(self, stream_id: str) -> None:
        self._seen_streams.add(stream_id)

    def closed(self, stream_id: str) -> None:
        self._seen_streams.discard(stream_id)


class BatchDeduper:
    """Built per batch: the set lives as long as the batch."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def first(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True
