"""The records the routing model is made of: apps and routers as created in code (`Asgi`), one
object hung under another (`Include`) and one route declared on an object (`RouteDecl`). Kept
apart from routing.py so the framework readers (aiohttp_routes.py) build them without a cycle."""
from __future__ import annotations

from dataclasses import dataclass, field

from .depends import Declared
from .origins import Creation


class Declares:
    """An object with a `dependencies=[...]` list (`declared`, each at its `Depends(...)`): its providers,
    each once, are derived from that list."""

    @property
    def dependencies(self) -> list[str]:
        return list(dict.fromkeys(d.provider for d in self.declared))


@dataclass
class Asgi(Declares):
    """An app or router object as created in code."""

    creation: Creation
    kind: str  # "app" or "router"
    name: str  # "app.routes.orders.router"
    prefix: str = ""
    prefix_text: str = ""
    parents: list["Include"] = field(default_factory=list)
    declared: list[Declared] = field(default_factory=list)
    framework: str = ""  # "aiohttp" for aiohttp.web objects, "" for FastAPI/Starlette
    # the prefix an object is mounted under in itself: one creation (a base class's `self.app =
    # web.Application()`) makes both the root and the sub-apps it mounts, whose routes sit there
    self_mount: str = ""

    @property
    def key(self) -> str:
        return self.creation.key


@dataclass
class Include(Declares):
    parent: str  # key of the including object
    child: str
    prefix: str
    path: str
    line: int
    kind: str = "include"  # or "mount"
    declared: list[Declared] = field(default_factory=list)


@dataclass
class RouteDecl(Declares):
    """One route as declared on one object (paths relative to that object)."""

    kind: str  # "http" or "websocket"
    owner: str  # key of the Asgi object, "" when unknown
    path: str
    methods: list[str]
    function: str  # handler fq ("" when not resolved)
    file: str
    line: int  # the registration line (decorator or call)
    how: str = ""  # "decorator", "add_api_route", "Route"
    declared: list[Declared] = field(default_factory=list)
    # the framework whose registration call declared the route ("aiohttp"), "" for FastAPI/Starlette: an
    # aiohttp route on an app the routing could not follow (a parameter typed `web.Application`) is still aiohttp's
    framework: str = ""
