"""The records of round trips: a call that leaves the process (`TripSite`) and a loop that makes
one per item (`LoopQuery`), with what makes a trip worth batching (model/roundtrips.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..facts.types import CallSite
from ..knowledge.queries import RoundTrip
from .statements import Statement

if TYPE_CHECKING:
    from .project import Edge

BODY_KWARGS = ("json", "data", "content", "params")  # the keyword arguments of an HTTP call carrying a body
# schemas of the database's own catalog: asking them about a table is schema management, not data
_CATALOG_SCHEMAS = ("information_schema.", "pg_catalog.", "sys.")
_READ_FROM = re.compile(r"\b(?:from|join)\s+([\w.\"`]+)", re.I)


def _catalog_only(sql: str) -> bool:
    """Every table the statement reads is in the catalog (`FROM information_schema.statistics`): a
    migration step asking whether an index exists, run once per table it manages."""
    read = [name.strip('"`').lower() for name in _READ_FROM.findall(sql)]
    return bool(read) and all(name.startswith(_CATALOG_SCHEMAS) or name == "sqlite_master" for name in read)


def _path_of(url: str) -> str:
    """The URL without its scheme and authority: `http://127.0.0.1:{}/health` -> `/health`. A field in
    the host or port picks another server per item (a readiness poll of each worker): no batch
    endpoint can answer for them all, unlike a field in the path."""
    scheme, sep, rest = url.partition("://")
    if not sep or "{" in scheme:
        return url
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else ""


@dataclass(frozen=True)
class TripSite:
    """A call that makes a round trip, in the function that makes it."""

    function: str
    path: str
    site: CallSite
    target: str
    trip: RoundTrip
    statement: Statement | None = None
    via: CallSite | None = None  # the call it is handed to as a callable (`breaker.call(http.get, url)`)
    url: Any = None  # the URL a project helper builds (`self._url(key)` -> its f-string), when the call passes one

    @property
    def per_item(self) -> bool:
        """Whether running it once per item is an N+1: not already a batch, and for HTTP only
        calls to one endpoint with the item in the URL (different URLs cannot be batched)."""
        if self.trip.batched or (self.statement is not None and self.statement.batch):
            return False
        if self.trip.kind == "sql":  # SQL we cannot read (built at run time, DDL) has no batched form
            return self.statement is not None and self.statement.kind in ("select", "insert", "update", "delete") \
                and not _catalog_only(self.statement.text)
        if self.trip.kind == "http":
            url = self.url if self.url is not None else url_arg(self.site)
            text = url.get("fstring", "") if isinstance(url, dict) else ""
            if isinstance(url, str):  # one fixed endpoint, the item in the body: `post("/v1/push", json=...)`
                return url.startswith("/") and any(_carries_data(self.site.kwargs.get(k)) for k in BODY_KWARGS)
            return "{}" in _path_of(text).removeprefix("{}")  # a leading field is the base URL, not the item
        return True


@dataclass
class LoopQuery:
    """A loop whose body runs a round trip once per item (directly or through calls)."""

    function: str
    path: str
    loop_line: int
    loop_end: int
    loop_kind: str  # "for", "comp"
    iterable: Any
    target: str  # loop variable(s)
    site: CallSite  # the call in the loop that leads to the round trip
    chain: list["Edge"]  # edges from the loop's call down to the function that makes the trip
    trip: TripSite
    also: list["LoopQuery"] = field(default_factory=list)  # the records of further calls in the same loop that do too

    @property
    def others(self) -> list[CallSite]:
        """The calls of `also`: further calls in the same loop that make a trip too."""
        return [query.site for query in self.also]

    @property
    def hops(self) -> int:
        return len(self.chain)


def url_arg(site: CallSite) -> Any:
    """The URL an HTTP client call passes: the first argument, the second for `request(method, url)`."""
    if site.func and site.func[-1] == "request":
        return site.args[1] if len(site.args) > 1 else site.kwargs.get("url")
    return site.args[0] if site.args else site.kwargs.get("url")


def _carries_data(value: Any) -> bool:
    """A request body built from names (the item), not a constant payload."""
    if isinstance(value, dict):
        return "ref" in value or "call" in value or any(
            isinstance(item, list) and len(item) == 2 and _carries_data(item[1]) for item in value.get("items", ()))
    return False
