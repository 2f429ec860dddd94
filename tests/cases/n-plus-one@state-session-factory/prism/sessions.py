"""A callable session factory: `factory()` opens a session, `factory.read()` one for reads."""
from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Callable, Optional

from sqlalchemy.ext.asyncio import AsyncSession


class DbSessionFactory:
    def __init__(self, db: Callable[[], AbstractAsyncContextManager[AsyncSession]], dialect: str,
                 read_db: Optional[Callable[[], AbstractAsyncContextManager[AsyncSession]]] = None):
        self._db = db
        self._read_db = read_db or db
        self.dialect = dialect

    def __call__(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self._db()

    def read(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self._read_db()
