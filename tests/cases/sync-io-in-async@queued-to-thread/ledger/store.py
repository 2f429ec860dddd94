"""A sqlite store whose writes are queued to its own thread by a decorator."""
from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading


def on_db_thread(func):
    """Queue the call for the store's thread; the caller gets a future back."""
    def wrapper(self, *args, **kwargs):
        future = self.loop.create_future()
        self.requests.put((future, func, args, kwargs))
        return future
    return wrapper


def logged(func):
    """Runs the function right here, in the caller."""
    def wrapper(self, *args, **kwargs):
        print(func.__name__)
        return func(self, *args, **kwargs)
    return wrapper


def run_with_retry(func, *args):
    """Calls the function here, again on failure."""
    try:
        return func(*args)
    except OSError:
        return func(*args)


def retried(func):
    """Hands the function to a helper that calls it on the spot, in the caller."""
    def wrapper(self, *args, **kwargs):
        return run_with_retry(func, self, *args)
    return wrapper


class Store:
    def __init__(self, loop: asyncio.AbstractEventLoop, path: str) -> None:
        self.loop = loop
        self.path = path
        self.conn: sqlite3.Connection | None = None
        self.requests: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        self.conn = sqlite3.connect(self.path)
        while True:
            future, func, args, kwargs = self.requests.get()
            result = func(self, *args, **kwargs)
            self.loop.call_soon_threadsafe(future.set_result, result)

    @on_db_thread
    def save_entry(self, key: bytes, value: bytes) -> None:
        cursor = self.conn.cursor()
        cursor.execute("REPLACE INTO entries (key, value) VALUES (?, ?)", [key, value])

    @logged
    def count_entries(self) -> int:
        cursor = sqlite3.connect(self.path).cursor()  # expect: sync-io-in-async
        cursor.execute("SELECT COUNT(*) FROM entries")
        return cursor.fetchone()[0]

    @retried
    def last_entry(self) -> bytes:
        cursor = sqlite3.connect(self.path).cursor()  # expect: sync-io-in-async
        cursor.execute("SELECT value FROM entries ORDER BY rowid DESC LIMIT 1")
        return cursor.fetchone()[0]

    def record(self, key: bytes, value: bytes) -> None:
        self.save_entry(key, value)


async def ingest(store: Store, items: list[tuple[bytes, bytes]]) -> int:
    for key, value in items:
        store.record(key, value)
    store.last_entry()
    return store.count_entries()


async def main() -> None:
    store = Store(asyncio.get_running_loop(), "ledger.db")
    await ingest(store, [(b"a", b"1")])


if __name__ == "__main__":
    asyncio.run(main())
