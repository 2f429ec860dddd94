import asyncio

import aiosqlite

DB_PATH = "pages.db"


class PageStore:
    def __init__(self) -> None:
        self.ready = False
        self.init_lock = asyncio.Lock()

    async def setup(self) -> None:
        async with aiosqlite.connect(DB_PATH) as db:
            await db.execute("CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, body TEXT)")
            await db.commit()
        await self.add_columns()

    async def add_columns(self) -> None:
        async with aiosqlite.connect(DB_PATH) as db:
            await db.execute("ALTER TABLE pages ADD COLUMN fetched_at TEXT")
            await db.commit()

    async def ensure_ready(self) -> None:
        if not self.ready:
            async with self.init_lock:
                if not self.ready:
                    await self.setup()
                    self.ready = True

    async def load(self, url: str) -> str | None:
        await self.ensure_ready()
        async with aiosqlite.connect(DB_PATH) as db:  # expect: connection-management
            async with db.execute("SELECT body FROM pages WHERE url = ?", (url,)) as cursor:
                row = await cursor.fetchone()
        return row[0] if row else None


def install() -> None:
    asyncio.run(STORE.setup())


STORE = PageStore()


class Fetcher:
    async def fetch_async(self, url: str) -> bytes:
        async with aiosqlite.connect(DB_PATH) as db:  # expect: connection-management
            async with db.execute("SELECT body FROM pages WHERE url = ?", (url,)) as cursor:
                row = await cursor.fetchone()
        return row[0] if row else b""

    def fetch(self, url: str) -> bytes:
        return asyncio.run(self.fetch_async(url))


FETCHER = Fetcher()
