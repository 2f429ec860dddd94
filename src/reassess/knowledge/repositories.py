"""Repository and service base classes of data-access libraries, and the session they query through.

advanced-alchemy's `SQLAlchemyAsyncRepository` / `SQLAlchemySyncRepository` (and their slug and
query variants) run every CRUD method (`get`, `list_and_count`, `create`, `upsert_many`, ...) as
statements on the SQLAlchemy session they hold; its `SQLAlchemyAsyncRepositoryService` /
`SQLAlchemySyncRepositoryService` wrap such a repository and forward the same methods to it. The
session comes from the SQLAlchemy config the framework plugin is given (`SQLAlchemyPlugin(config=
SQLAlchemyAsyncConfig(engine_instance=...))`), so a call of one of these methods on a project
subclass is a query on that engine's database.
"""
from __future__ import annotations

_ASYNC_SESSION = "sqlalchemy.ext.asyncio.AsyncSession"
_SYNC_SESSION = "sqlalchemy.orm.Session"

# class name -> the session type its queries run on (the library re-exports them from several modules)
_BASES = {
    "SQLAlchemyAsyncRepository": _ASYNC_SESSION, "SQLAlchemyAsyncSlugRepository": _ASYNC_SESSION,
    "SQLAlchemyAsyncQueryRepository": _ASYNC_SESSION, "SQLAlchemyAsyncRepositoryService": _ASYNC_SESSION,
    "SQLAlchemyAsyncQueryService": _ASYNC_SESSION,
    "SQLAlchemySyncRepository": _SYNC_SESSION, "SQLAlchemySyncSlugRepository": _SYNC_SESSION,
    "SQLAlchemySyncQueryRepository": _SYNC_SESSION, "SQLAlchemySyncRepositoryService": _SYNC_SESSION,
    "SQLAlchemySyncQueryService": _SYNC_SESSION,
}
_PACKAGE = "advanced_alchemy."

# the inherited methods that run statements on the session
QUERY_METHODS = frozenset({
    "get", "get_one", "get_one_or_none", "get_or_create", "get_or_upsert", "get_and_update", "get_and_upsert",
    "list", "list_and_count", "count", "exists", "add", "add_many", "create", "create_many", "update",
    "update_many", "upsert", "upsert_many", "delete", "delete_many", "delete_where", "get_by_slug",
    "get_available_slug", "select", "execute", "flush",
})


def repository_session(base: str) -> str:
    """The session type a data-access base class (dotted, as resolved) queries through; "" otherwise."""
    return _BASES.get(base.rsplit(".", 1)[-1], "") if base.startswith(_PACKAGE) else ""
