"""Call edges the code does not write as calls: FastAPI's `Depends()` providers (run for the
route before it), script mains started with `asyncio.run(main())` (worker processes when they
loop) and handlers looked up in a dict (`HANDLERS[kind](payload)`). Each on a small project, with
the look-alike that must stay as it is."""
from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import assess
from test_app_model import build_model


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _line(root: Path, name: str, needle: str) -> int:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


# ----- Depends() providers ----------------------------------------------------------------------
DEPENDS_APP = {
    "app/__init__.py": "",
    "app/main.py": """\
        from typing import Annotated

        import requests
        from fastapi import Depends, FastAPI

        app = FastAPI()


        async def remote_flags() -> dict:
            return requests.get("https://flags.example.com/v1", timeout=5).json()


        def sync_flags() -> dict:
            return requests.get("https://flags.example.com/v1", timeout=5).json()


        async def current_user(flags: dict = Depends(remote_flags)) -> str:
            return "user"


        Flags = Annotated[dict, Depends(sync_flags)]


        async def audit() -> None:
            return None


        @app.get("/async")
        async def read_async(user: str = Depends(current_user)) -> dict:
            return {"user": user}


        @app.get("/sync")
        async def read_sync(flags: Flags) -> dict:
            return flags


        @app.get("/audited", dependencies=[Depends(audit)])
        async def read_audited() -> dict:
            return {}
        """,
}


def test_depends_providers_are_call_edges(tmp_path) -> None:
    root = _write(tmp_path, DEPENDS_APP)
    model = build_model(root)
    edges = {(e.caller.rsplit(".", 1)[-1], e.target.name.rsplit(".", 1)[-1], e.site.line, e.site.awaited,
              e.site.offloaded) for fq in model.depends_edges for e in model.depends_edges[fq]}
    main = "app/main.py"
    assert edges == {
        ("read_async", "current_user", _line(root, main, "user: str = Depends(current_user)"), True, False),
        ("current_user", "remote_flags", _line(root, main, "Depends(remote_flags)"), True, False),
        ("read_sync", "sync_flags", _line(root, main, "async def read_sync"), False, True),  # threadpool
        ("read_audited", "audit", _line(root, main, "dependencies=[Depends(audit)]"), True, False),
    }
    assert all(e.site.depends for es in model.depends_edges.values() for e in es)
    # the reverse graph `reach` walks has them; the calls written in the code do not
    assert {e.caller for e in model.callers["app.main.remote_flags"]} == {"app.main.current_user"}
    assert not any(e.site.depends for es in model.edges.values() for e in es)
    chains = model.reach({"app.main.remote_flags": None}, lambda edge: True)
    assert [e.caller for e in chains["app.main.read_async"]] == ["app.main.read_async", "app.main.current_user"]


def test_blocking_call_in_async_provider_is_cited_through_the_route(tmp_path) -> None:
    root = _write(tmp_path, DEPENDS_APP)
    result = assess(root)
    blocking = [f for f in result.findings if f.rule == "RA301"]
    async_line = _line(root, "app/main.py", "return requests.get")
    sync_line = _line(root, "app/main.py", "def sync_flags") + 1
    assert {f.location.start_line for f in blocking} == {async_line}  # the sync provider runs in the threadpool
    finding = blocking[0]
    assert "GET /async" in finding.description
    related = {loc.start_line for loc in finding.related_locations}
    assert _line(root, "app/main.py", "Depends(remote_flags)") in related
    assert sync_line not in {f.location.start_line for f in result.findings if f.rule == "RA301"}


# ----- Depends() declared above the route ------------------------------------------------------
ABOVE_APP = {
    "app/__init__.py": "",
    "app/routes/__init__.py": "",
    "app/deps.py": """\
        import requests


        async def remote_check() -> None:
            requests.get("https://auth.example.com/v1/check", timeout=5)


        def sync_check() -> None:
            requests.get("https://auth.example.com/v1/check", timeout=5)


        async def app_guard() -> None:
            return None


        async def tenant() -> str:
            return "t"


        async def probe_token() -> None:
            return None


        async def orphan_check() -> None:
            return None
        """,
    "app/routes/orders.py": """\
        from fastapi import APIRouter

        router = APIRouter()


        @router.get("/")
        async def list_orders() -> list:
            return []
        """,
    "app/routes/admin.py": """\
        from fastapi import APIRouter

        router = APIRouter()


        @router.get("/stats")
        async def stats() -> dict:
            return {}
        """,
    "app/routes/items.py": """\
        from fastapi import APIRouter, Depends

        from app.deps import orphan_check, tenant

        router = APIRouter()
        v1 = APIRouter(prefix="/v1", dependencies=[Depends(tenant)])
        unused = APIRouter(dependencies=[Depends(orphan_check)])


        @router.get("/items")
        async def list_items() -> list:
            return []


        @unused.get("/never")
        async def never() -> list:
            return []


        v1.include_router(router)
        """,
    "app/main.py": """\
        from fastapi import Depends, FastAPI

        from app.deps import app_guard, probe_token, remote_check, sync_check
        from app.routes import admin, items, orders

        app = FastAPI(dependencies=[Depends(app_guard)])
        app.include_router(orders.router, prefix="/orders", dependencies=[Depends(remote_check)])
        app.include_router(admin.router, prefix="/admin", dependencies=[Depends(sync_check)])
        app.include_router(items.v1)


        async def health() -> dict:
            return {}


        app.add_api_route("/health", health, dependencies=[Depends(probe_token)])
        """,
}


def test_depends_declared_above_the_route_are_call_edges(tmp_path) -> None:
    root = _write(tmp_path, ABOVE_APP)
    model = build_model(root)
    assert model.app.details["declared_depends_edges"] == 8
    edges = {(e.caller.rsplit(".", 1)[-1], e.target.name.rsplit(".", 1)[-1]): e
             for es in model.depends_edges.values() for e in es}
    main, items = "app/main.py", "app/routes/items.py"
    guard = _line(root, main, "FastAPI(dependencies=[Depends(app_guard)])")
    expected = {  # (route, provider): (file of the `Depends(...)`, its line, awaited, offloaded)
        ("list_orders", "app_guard"): (main, guard, True, False),
        ("list_orders", "remote_check"): (main, _line(root, main, "Depends(remote_check)"), True, False),
        ("stats", "app_guard"): (main, guard, True, False),
        ("stats", "sync_check"): (main, _line(root, main, "Depends(sync_check)"), False, True),  # threadpool
        ("list_items", "app_guard"): (main, guard, True, False),
        ("list_items", "tenant"): (items, _line(root, items, "Depends(tenant)"), True, False),  # nested router
        ("health", "app_guard"): (main, guard, True, False),
        ("health", "probe_token"): (main, _line(root, main, "Depends(probe_token)"), True, False),
    }
    assert {key: (model.site_path(e), e.site.line, e.site.awaited, e.site.offloaded)
            for key, e in edges.items()} == expected
    assert all(e.site.depends for e in edges.values())
    # written in the handler's own file, the edge needs no file of its own
    assert edges[("list_items", "tenant")].path == "" and edges[("list_orders", "remote_check")].path == main
    # a router no app includes serves no request: its provider is reached from nothing
    assert ("never", "orphan_check") not in edges
    assert list(model.reach({"app.deps.orphan_check": None}, lambda edge: True)) == ["app.deps.orphan_check"]
    chains = model.reach({"app.deps.tenant": None}, lambda edge: True)
    assert [model.hop(e).path for e in chains["app.routes.items.list_items"]] == [items]


def test_blocking_call_in_provider_declared_on_include_router(tmp_path) -> None:
    root = _write(tmp_path, ABOVE_APP)
    result = assess(root)
    blocking = [f for f in result.findings if f.rule == "RA301"]
    async_line = _line(root, "app/deps.py", "requests.get")
    # the sync provider on `include_router(admin.router, ...)` runs in the threadpool: silent
    assert [(f.location.path, f.location.start_line) for f in blocking] == [("app/deps.py", async_line)]
    assert "GET /orders/" in blocking[0].description
    related = {(loc.path, loc.start_line) for loc in blocking[0].related_locations}
    assert ("app/main.py", _line(root, "app/main.py", "Depends(remote_check)")) in related


MOUNTED_APP = {
    "app/__init__.py": "",
    "app/main.py": """\
        from fastapi import APIRouter, Depends, FastAPI


        async def app_guard() -> None:
            return None


        async def admin_only() -> None:
            return None


        admin = FastAPI(dependencies=[Depends(admin_only)])
        panel = APIRouter()


        @panel.get("/users")
        async def users() -> list:
            return []


        admin.include_router(panel)
        app = FastAPI(dependencies=[Depends(app_guard)])
        app.mount("/admin", admin)
        """,
}


def test_mounted_app_runs_its_own_dependencies_only(tmp_path) -> None:
    model = build_model(_write(tmp_path, MOUNTED_APP))
    entry = next(e for e in model.app.entrypoints if e.function == "app.main.users")
    assert entry.route == "/admin/users" and entry.dependencies == ["app.main.admin_only"]
    assert [e.target.name for e in model.depends_edges["app.main.users"]] == ["app.main.admin_only"]


# ----- script mains -----------------------------------------------------------------------------
SCRIPTS_APP = {
    "app/__init__.py": "",
    "app/workers/__init__.py": "",
    "app/workers/sync.py": """\
        import asyncio


        class Syncer:
            def __init__(self) -> None:
                self.stop = asyncio.Event()

            async def run(self) -> None:
                while not self.stop.is_set():
                    await self.tick()
                    await asyncio.sleep(30)

            async def tick(self) -> None:
                return None


        async def main() -> None:
            syncer = Syncer()
            await syncer.run()


        if __name__ == "__main__":
            asyncio.run(main())
        """,
    "app/workers/listener.py": """\
        import asyncio

        import uvloop


        async def handle(message) -> None:
            return None


        async def serve(consumer) -> None:
            async for message in consumer.messages():
                await handle(message)


        async def main() -> None:
            await serve(object())


        def cli() -> None:
            uvloop.run(main())
        """,
    "app/scripts/__init__.py": "",
    "app/scripts/seed.py": """\
        import argparse
        import asyncio


        async def fetch_page(page: int) -> list:
            return []


        async def main(count: int) -> None:
            page = 0
            while True:  # pages until one comes back empty
                rows = await fetch_page(page)
                if not rows:
                    break
                page += 1


        if __name__ == "__main__":
            parser = argparse.ArgumentParser()
            parser.add_argument("--count", type=int, default=10)
            asyncio.run(main(parser.parse_args().count))
        """,
}


def test_script_mains_that_keep_running_are_workers(tmp_path) -> None:
    root = _write(tmp_path, SCRIPTS_APP)
    app = build_model(root).app
    workers = {e.details["main"]: e for e in app.of_kind("worker") if e.details.get("script")}
    assert set(workers) == {"app.workers.sync.main", "app.workers.listener.main"}  # not the one-shot seed
    sync = workers["app.workers.sync.main"]
    assert sync.started_at == ("app/workers/sync.py", _line(root, "app/workers/sync.py", "asyncio.run(main())"))
    # the entry is the serving loop: what main does before it runs once per process
    assert sync.function == sync.details["loop"]["function"] == "app.workers.sync.Syncer.run"
    listener = workers["app.workers.listener.main"]
    assert (listener.function, listener.details["loop"]["stream"]) == ("app.workers.listener.serve", "consumer.messages")


# ----- dict-of-handlers dispatch ----------------------------------------------------------------
DISPATCH_APP = {
    "app/__init__.py": "",
    "app/handlers.py": """\
        async def on_created(payload) -> None:
            return None


        async def on_deleted(payload) -> None:
            return None


        HANDLERS = {"created": on_created, "deleted": on_deleted}
        """,
    "app/dispatch.py": """\
        from .handlers import HANDLERS, on_created


        class Router:
            TABLE = {"created": on_created}

            def __init__(self) -> None:
                self._handlers = {"refund": self.on_refund}

            async def on_refund(self, payload) -> None:
                return None

            async def by_index(self, kind, payload) -> None:
                await HANDLERS[kind](payload)

            async def by_get(self, kind, payload) -> None:
                await HANDLERS.get(kind)(payload)

            async def by_attr(self, kind, payload) -> None:
                await self._handlers[kind](payload)

            async def by_local(self, kind, payload) -> None:
                handler = self.TABLE.get(kind)
                await handler(payload)

            async def plain(self, kind, payload) -> None:
                values = {"a": 1}
                return values[kind]
        """,
}


def test_dict_dispatch_reaches_every_handler(tmp_path) -> None:
    root = _write(tmp_path, DISPATCH_APP)
    model = build_model(root)
    found = {(fq.rsplit(".", 1)[-1], e.target.name.rsplit(".", 1)[-1]) for fq, es in model.dispatch_edges.items()
             for e in es}
    assert found == {
        ("by_index", "on_created"), ("by_index", "on_deleted"), ("by_get", "on_created"), ("by_get", "on_deleted"),
        ("by_attr", "on_refund"), ("by_local", "on_created"),
    }
    assert {e.caller.rsplit(".", 1)[-1] for e in model.callers["app.handlers.on_deleted"]} == {"by_index", "by_get"}
    line = _line(root, "app/dispatch.py", "await self._handlers[kind](payload)")
    assert [e.site.line for e in model.dispatch_edges["app.dispatch.Router.by_attr"]] == [line]


# ----- names a package re-exports with `from .mod import *` -------------------------------------
STAR_APP = {
    "app/__init__.py": "",
    "app/services/__init__.py": "from .catalog import *\nfrom .pricing import *\n",
    "app/services/catalog.py": """\
        __all__ = ["sync_catalog"]


        async def sync_catalog() -> None:
            return None


        async def unlisted() -> None:
            return None


        def _private_helper() -> None:
            return None
        """,
    "app/services/pricing.py": """\
        async def sync_prices() -> None:
            return None
        """,
    "app/main.py": """\
        async def refresh() -> None:
            from app.services import sync_catalog, sync_prices, _private_helper, unlisted
            await sync_catalog()
            await sync_prices()
            _private_helper()
            await unlisted()
        """,
}


def test_names_re_exported_by_star_imports_resolve_to_their_module(tmp_path) -> None:
    model = build_model(_write(tmp_path, STAR_APP))
    targets = {e.site.line: (e.target.kind, e.target.name) for e in model.edges["app.main.refresh"]}
    assert targets[3] == ("function", "app.services.catalog.sync_catalog")
    assert targets[4] == ("function", "app.services.pricing.sync_prices")
    assert targets[5][0] != "function"  # a private name is not exported by `import *`
    assert targets[6][0] != "function"  # nor one its module's `__all__` leaves out


# ----- an override's unannotated parameter typed by the base method -----------------------------
OVERRIDE_APP = {
    "app/__init__.py": "",
    "app/clients.py": """\
        class Store:
            async def save(self, key: str) -> None:
                return None


        class Other:
            async def save(self, key: str) -> None:
                return None


        class Container:
            def __init__(self) -> None:
                self.store = Store()
                self.other = Other()
        """,
    "app/workers.py": """\
        from app.clients import Container, Other


        class Worker:
            def __init__(self, container: Container) -> None:
                self.container = container


        class Saver(Worker):
            def __init__(self, container) -> None:
                super().__init__(container)
                self._store = container.store

            async def tick(self) -> None:
                await self._store.save("k")


        class OwnAnnotation(Worker):
            def __init__(self, container: Other) -> None:
                super().__init__(Container())
                self._store = container

            async def tick(self) -> None:
                await self._store.save("k")


        class Renamed(Worker):
            def __init__(self, deps) -> None:
                super().__init__(deps)
                self._store = deps.store

            async def tick(self) -> None:
                await self._store.save("k")
        """,
}


def test_override_parameter_takes_the_base_methods_annotation(tmp_path) -> None:
    model = build_model(_write(tmp_path, OVERRIDE_APP))
    targets = {fq.rsplit(".", 2)[-2]: [(e.target.kind, e.target.name) for e in es]
               for fq, es in model.edges.items() if fq.endswith(".tick")}
    assert targets["Saver"] == [("function", "app.clients.Store.save")]
    assert targets["OwnAnnotation"] == [("function", "app.clients.Other.save")]  # its own annotation wins
    assert [kind for kind, _ in targets["Renamed"]] == ["unresolved"]  # no base parameter of that name


# ----- property reads -------------------------------------------------------------------------
PROPERTY_APP = {
    "shop/__init__.py": "",
    "shop/catalog.py": """\
        import functools

        import requests

        _UNSET = object()


        class Catalog:
            def __init__(self, base: str) -> None:
                self.base = base
                self._label = "catalog"
                self._mode = "fast"
                self._rates: dict = {}
                self._tiers: object = _UNSET

            @property
            def prices(self) -> dict:
                return requests.get(f"{self.base}/prices", timeout=5).json()

            @functools.cached_property
            def regions(self) -> list:
                return requests.get(f"{self.base}/regions", timeout=5).json()

            @property
            def rates(self) -> dict:
                if not self._rates:
                    self._rates = requests.get(f"{self.base}/rates", timeout=5).json()
                return self._rates

            @property
            def tiers(self) -> dict:
                if self._tiers is _UNSET:
                    self._tiers = requests.get(f"{self.base}/tiers", timeout=5).json()
                return self._tiers

            @property
            def label(self) -> str:
                return self._label

            @property
            def mode(self) -> str:
                return self._mode

            @mode.setter
            def mode(self, value: str) -> None:
                self._mode = value


        class Local(Catalog):
            pass
        """,
    "shop/main.py": """\
        from fastapi import FastAPI

        from .catalog import Catalog, Local

        app = FastAPI()
        catalog = Catalog("https://prices.example.com")
        local = Local("https://prices.example.com")


        @app.get("/prices")
        async def read_prices() -> dict:
            return catalog.prices


        @app.get("/rates")
        async def read_rates() -> dict:
            return {"rates": catalog.rates, "tiers": catalog.tiers}


        @app.get("/regions")
        async def read_regions() -> list:
            return local.regions


        @app.get("/label")
        async def read_label() -> dict:
            catalog.mode = "slow"
            return {"label": catalog.label, "mode": catalog.mode}
        """,
}


def test_property_reads_are_marked_call_edges(tmp_path) -> None:
    root = _write(tmp_path, PROPERTY_APP)
    model = build_model(root)
    edges = {(e.caller.rsplit(".", 1)[-1], e.target.name.split(".", 2)[-1], e.kind)
             for es in model.property_edges.values() for e in es}
    setter = next(fq for fq in model.functions if fq.startswith("shop.catalog.Catalog.mode@"))
    assert edges == {
        ("read_prices", "Catalog.prices", "property"),
        ("read_regions", "Catalog.regions", "property"),  # inherited through the MRO
        ("read_label", "Catalog.label", "property"),
        ("read_label", "Catalog.mode", "property"),
        ("read_label", setter.split(".", 2)[-1], "setter"),
    }
    # written calls stay apart; `reach` and the callers index see the getter as called
    assert not any(e.kind != "call" for es in model.edges.values() for e in es)
    assert {e.caller for e in model.callers["shop.catalog.Catalog.label"]} == {"shop.main.read_label"}
    chains = model.reach({"shop.catalog.Catalog.prices": None}, lambda edge: True)
    assert [e.caller for e in chains["shop.main.read_prices"]] == ["shop.main.read_prices"]


def test_blocking_call_behind_a_property_is_reached_from_the_route(tmp_path) -> None:
    root = _write(tmp_path, PROPERTY_APP)
    result = assess(root)
    blocking = {f.location.start_line: f for f in result.findings if f.rule == "RA301"}
    prices = _line(root, "shop/catalog.py", 'f"{self.base}/prices"')
    regions = _line(root, "shop/catalog.py", 'f"{self.base}/regions"')
    # the plain attribute returns (`label`, `mode`) and the loads on first use (`rates`, `tiers`) stay silent
    assert set(blocking) == {prices, regions}
    assert "GET /prices" in blocking[prices].description
    assert "reads the property `catalog.prices`" in blocking[prices].description  # no call is written there
    assert _line(root, "shop/main.py", "return catalog.prices") in \
        {loc.start_line for loc in blocking[prices].related_locations}


SOCKET_TABS_APP = {
    "board/__init__.py": "",
    "board/tabs.py": """\
        from contextvars import ContextVar

        current_tab: ContextVar[str] = ContextVar("current_tab")


        class TabStore:
            def __init__(self) -> None:
                self._tabs: dict[str, dict] = {}
                self._peers: dict[str, int] = {}

            def open(self, tab_id: str) -> None:
                self._tabs[tab_id] = {}
                self._peers[tab_id] = 1

            def close(self, tab_id: str) -> None:
                self._tabs.pop(tab_id, None)
                self._peers.pop(tab_id, None)

            @property
            def tab(self) -> dict:
                return self._tabs[current_tab.get()]

            def is_connected(self, tab_id: str) -> bool:
                return tab_id in self._peers


        store = TabStore()
        """,
    "board/app.py": """\
        from fastapi import FastAPI, WebSocket, WebSocketDisconnect

        from .tabs import current_tab, store

        app = FastAPI()


        @app.websocket("/ws/{tab_id}")
        async def board(websocket: WebSocket, tab_id: str) -> None:
            await websocket.accept()
            current_tab.set(tab_id)
            store.open(tab_id)
            try:
                while True:
                    text = await websocket.receive_text()
                    store.tab["last"] = text
            except WebSocketDisconnect:
                pass
            finally:
                store.close(tab_id)
        """,
}


def test_connection_state_read_through_its_own_property_is_not_reported(tmp_path) -> None:
    """The connection reads its own tab through a property: the getter has a caller, so it is not a
    public query for callers the call graph does not see; `is_connected`, which nothing calls, is."""
    root = _write(tmp_path, SOCKET_TABS_APP)
    result = assess(root)
    flagged = {f.title for f in result.findings if f.rule == "RA502"}
    assert flagged == {"`TabStore._peers` only knows the connections of one process"}


LOOP_PROPERTY_APP = {
    "cart/__init__.py": "",
    "cart/quotes.py": """\
        import httpx


        class Quote:
            def __init__(self, sku: str) -> None:
                self.sku = sku

            @property
            def price(self) -> float:
                return httpx.get(f"https://prices.example.com/{self.sku}", timeout=5).json()["price"]

            @property
            def code(self) -> str:
                return self.sku.upper()
        """,
    "cart/main.py": """\
        from fastapi import FastAPI

        from .quotes import Quote

        app = FastAPI()


        @app.get("/total")
        def total(skus: list[str]) -> float:
            amount = 0.0
            for sku in skus:
                quote = Quote(sku)
                amount += quote.price
            return amount


        @app.get("/codes")
        def codes(skus: list[str]) -> list[str]:
            return [Quote(sku).code for sku in skus]
        """,
}


def test_property_read_in_a_loop_is_a_round_trip_per_item(tmp_path) -> None:
    """A getter making a request, read once per item, is an N+1 like a call would be; a getter
    that only computes from the instance is not."""
    root = _write(tmp_path, LOOP_PROPERTY_APP)
    found = [f for f in assess(root).findings if f.rule == "RA201"]
    assert [(f.location.path, f.location.start_line) for f in found] == \
        [("cart/main.py", _line(root, "cart/main.py", "amount += quote.price"))]
    assert "reads the property `quote.price` for each sku" in found[0].description
