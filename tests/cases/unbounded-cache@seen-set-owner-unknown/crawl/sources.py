"""Crawlers loaded by name; a dedupe filter kept for the process."""
import importlib
from typing import Iterator


class WikiCrawler:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.seen_page_ids: set[str] = set()  # expect: unbounded-cache

    def pages(self, listing: list[dict]) -> Iterator[dict]:
        for page in listing:
            if page["id"] in self.seen_page_ids:
                continue
            self.seen_page_ids.add(page["id"])
            yield page


class EventFilter:
    def __init__(self) -> None:
        self.seen_event_ids: set[str] = set()  # expect: unbounded-cache

    def first_time(self, event_id: str) -> bool:
        if event_id in self.seen_event_ids:
            return False
        self.seen_event_ids.add(event_id)
        return True


events = EventFilter()


def load_crawler(module_path: str, class_name: str, **config: str):
    return getattr(importlib.import_module(module_path), class_name)(**config)


class BatchWriter:
    """Built and handed out by a factory method: how long it lives is up to whoever calls it."""

    def __init__(self) -> None:
        self.seen_row_ids: set[str] = set()  # expect: unbounded-cache

    def add(self, row: dict) -> bool:
        if row["id"] in self.seen_row_ids:
            return False
        self.seen_row_ids.add(row["id"])
        return True


class Store:
    def begin_batch(self) -> BatchWriter:
        return BatchWriter()
