"""RA850 test-gap: entry points and services in modules no test imports."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from ...findings import Finding, Location
from ...knowledge.webframes import LITESTAR_APP, TORNADO_APPS
from ...metrics.layers import layers_of
from ...metrics.testsuite import SuiteIndex, entry_groups, served_modules, suite_index, tests_beside
from ...model.app import is_suite_path, is_test_path
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts
    from ...model.app import EntryPoint
    from ...model.components import Component
    from ...model.project import ProjectModel

MAX_RELATED = 60
SHOWN_MODULES = 6


@register
class UntestedEntryPoints(Rule):
    """Routes, websocket endpoints, workers and services that no test reaches.

    What it finds:
        Test modules are `tests/` folders, `test_*.py`, `*_test.py` and `conftest.py`.
        An entry point counts as tested when a test module imports its module directly,
        when a test calls its handler, or (routes and websockets) when tests drive the
        app over HTTP (`TestClient`, httpx with an ASGI transport, Litestar's `litestar.testing`
        clients, aiohttp's test client and `aiohttp_client` fixture, Tornado's `AsyncHTTPTestCase`
        and pytest-tornado fixtures, or `requests`/httpx/`AsyncHTTPClient` sent to a server the
        tests start) and the modules those tests import load the route module. The recommended
        test is written for the framework serving the routes. One finding per group (routes, websocket
        endpoints, background workers and jobs, then service and data-layer classes) lists
        the entry points left out, each as a related location. When the analysed tree has
        no test at all (and no `focus`/`exclude` setting could have left tests out) one finding
        says so; test-named modules that define no test pytest collects (base classes of suites
        other code subclasses) are not a suite. A package analysed from inside a project that keeps its tests beside
        it (`tests/` next to the package, or next to its `src/`) gets no finding: those tests are not
        among the analysed files; a package analysed alone with no tests found gets one LOW finding
        saying that its tests cannot be judged. A shipped `testing/` helper package (fixtures,
        reusable suites) is not the project's test suite. It says nothing about how well the
        reached code is tested: coverage data, when present, does that (see low-coverage).

    Why it matters:
        Handlers are where request parsing, authorisation, error translation and the
        calls into services meet; a change there that no test exercises ships unverified,
        and regressions surface in production as 500s or wrong payloads. Untested
        workers fail silently in the background.

    Example:
        # tests/ imports app.services.risk only; app/routes/orders.py (7 routes) is never loaded
        from app.services.risk import compute_notional

    Instead:
        Drive the app through its real routing with a test client and fakes for its
        dependencies:

            from fastapi.testclient import TestClient
            from app.main import app

            def test_list_orders_requires_auth():
                with TestClient(app) as client:
                    assert client.get("/api/v1/orders").status_code == 401
    """

    id = "RA850"
    name = "untested-entry-points"
    category = "test-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        suite = suite_index(model)
        groups = [(label, entries, missed) for label, entries, missed in entry_groups(model) if entries]
        ctx.examine("test functions", len(suite.functions))
        ctx.examine("entry points checked for tests", sum(len(e) for _, e, _ in groups))
        if tests_beside(model):
            return  # the project's tests sit beside the analysed package: what they import is unknown
        if not suite.functions:  # test-named modules that define no test are helpers, not a suite
            if groups and not self._tests_may_be_excluded():
                yield self._no_tests(model, groups, suite)
            return
        for label, entries, missed in groups:
            if missed:
                yield self._group(model, suite, label, entries, missed)
        found = self._services(model, suite)
        if found is not None:
            yield found

    def _tests_may_be_excluded(self) -> bool:
        patterns = [p for p in self.config.exclude if "test" in p.lower()]
        return bool(self.config.focus or patterns)

    # ----- entry point groups -------------------------------------------------------------------
    def _group(self, model: "ProjectModel", suite: SuiteIndex, label: str, entries: list["EntryPoint"],
               missed: list["EntryPoint"]) -> Finding:
        by_module = _by_module(missed)
        first = missed[0]
        modules = ", ".join(f"`{path}` ({len(items)}: {_names(items)})"
                            for path, items in list(by_module.items())[:SHOWN_MODULES])
        if len(by_module) > SHOWN_MODULES:
            modules += f" and {len(by_module) - SHOWN_MODULES} more modules"
        description = (f"{len(missed)} of {len(entries)} {label} are defined in {plural(len(by_module), 'module')} "
                       f"that no test imports and no test calls: {modules}. {_suite_text(model, suite)}")
        if label != "background workers and jobs":
            description += " " + _http_text(suite, first.details.get("framework", ""))
        return self.finding(
            Location(first.path, first.line, first.line),
            f"{len(missed)} of {len(entries)} {label} are in modules no test imports",
            description, recommendation=_recommendation(model, label, missed),
            related=[Location(e.path, e.line, e.line, e.name) for e in missed[1:MAX_RELATED]],
            extra={"group": label, "total": len(entries), "untested": len(missed)},
        )

    def _no_tests(self, model: "ProjectModel", groups: list, suite: SuiteIndex) -> Finding:
        entries = [e for _, items, _ in groups for e in items]
        counts = ", ".join(f"{len(items)} {label}" for label, items, _ in groups)
        first = entries[0]
        if model.root is not None and (model.root / "__init__.py").is_file():
            return self._package_alone(model, groups, entries, counts, suite)
        return self.finding(
            Location(first.path, first.line, first.line),
            f"No test in the project: {counts} are untested",
            f"The analysed tree holds no test (no `tests/` folder, `test_*.py`, `*_test.py` or "
            f"`conftest.py` with a test in it).{_testless(model, suite)} None of its {counts} is "
            "exercised by an automated test.",
            recommendation=_recommendation(model, groups[0][0], groups[0][1]),
            severity="HIGH", related=[Location(e.path, e.line, e.line, e.name) for e in entries[1:MAX_RELATED]],
            effort=min(self.max_effort, 4.0 + 0.25 * len(entries)),
        )

    def _package_alone(self, model: "ProjectModel", groups: list, entries: list["EntryPoint"],
                       counts: str, suite: SuiteIndex) -> Finding:
        """The analysed folder is a package on its own: its tests, if any, live outside it (at the
        project root), so no file here says whether the entry points are tested."""
        first = entries[0]
        helpers = sorted({m.path.split("/")[0] for m in model.modules.values()
                          if is_test_path(m.path) and not is_suite_path(m.path)})
        shipped = (" " + ", ".join(f"`{h}/`" for h in helpers) + (" is a helper package" if len(helpers) == 1
                   else " are helper packages") + " shipped for users' tests (fixtures, reusable suites), not "
                   "the project's test suite." if helpers else "")
        return self.finding(
            Location(first.path, first.line, first.line),
            f"No test module among the analysed files ({counts}): the package was analysed without its tests",
            f"The analysed folder is the package `{model.root.name}` on its own and none of its files is a test "
            f"module (`test_*.py`, `*_test.py`, `conftest.py` or a `tests/` folder) with a test in it."
            f"{shipped}{_testless(model, suite)} A package's tests "
            f"usually sit outside it, at the project root, so whether its {counts} are tested cannot be "
            "judged from these files.",
            recommendation=("Run reassess on the project root, tests included, to see which entry points the "
                            "tests reach. If the project has no tests: " + _recommendation(model, *groups[0][:2])),
            severity="LOW", related=[Location(e.path, e.line, e.line, e.name) for e in entries[1:MAX_RELATED]],
        )

    # ----- services -----------------------------------------------------------------------------
    def _services(self, model: "ProjectModel", suite: SuiteIndex) -> Finding | None:
        layers = layers_of(model)
        units = []
        for module, comps in sorted(layers.components_of.items()):
            for comp in comps:
                if not suite.imports(module) and not _component_called_by_tests(model, comp):
                    units.append((module, comp))
        total = sum(len(c) for c in layers.components_of.values())
        if not units:
            return None
        locations = [_component_location(model, module, comp) for module, comp in units]
        names = ", ".join(f"`{comp.name}` ({model.modules[module].path})" for module, comp in units[:8])
        more = f" and {len(units) - 8} more" if len(units) > 8 else ""
        through = (" Tests that drive the app over HTTP may run some of this code, but nothing tests it on "
                   "its own, with its edge cases." if suite.http_modules else "")
        return self.finding(
            locations[0], f"{len(units)} of {total} services and data-layer units have no test of their own",
            f"No test imports the module of {names}{more}, and no test calls them.{through} "
            f"{_suite_text(model, suite)}",
            recommendation=_service_recommendation(model, units[0][0], units[0][1]),
            severity="LOW", related=locations[1:MAX_RELATED],
            extra={"group": "services", "total": total, "untested": len(units)},
        )


def _by_module(entries: list["EntryPoint"]) -> dict[str, list["EntryPoint"]]:
    out: dict[str, list["EntryPoint"]] = {}
    for entry in entries:
        out.setdefault(entry.path, []).append(entry)
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _names(entries: list["EntryPoint"], limit: int = 3) -> str:
    shown = ", ".join(e.name for e in entries[:limit])
    return shown + (", ..." if len(entries) > limit else "")


def _testless(model: "ProjectModel", suite: SuiteIndex) -> str:
    """Name the test-named modules that define no test pytest would collect (base classes of
    suites other projects subclass), so the reader sees why they do not count."""
    if not suite.modules:
        return ""
    paths = sorted(model.modules[m].path for m in suite.modules if m in model.modules)
    shown = ", ".join(f"`{p}`" for p in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    verb, pronoun = ("defines", "it is") if len(paths) == 1 else ("define", "they are")
    return (f" {plural(len(paths), 'module')} named like tests ({shown}) {verb} no test that pytest collects "
            f"(reusable suites or helpers other test code subclasses), so {pronoun} not a test suite.")


def _suite_text(model: "ProjectModel", suite: SuiteIndex) -> str:
    imported = sorted(f.path for f in served_modules(model) if suite.imports(f.module))
    shown = ", ".join(f"`{p}`" for p in imported[:6]) + (", ..." if len(imported) > 6 else "")
    return (f"The suite has {plural(len(suite.functions), 'test function')} in "
            f"{plural(len(suite.modules), 'test module')}; they import {plural(len(imported), 'project module')}"
            + (f" ({shown})." if imported else "."))


# What a test driving each framework's app over HTTP would use, as the finding names it.
_HTTP_MEANS = {"": "no `TestClient` or httpx ASGI transport is used",
               "tornado": "no `AsyncHTTPTestCase`, pytest-tornado fixture or HTTP client sent to a server the "
                          "tests start is used",
               "litestar": "no `litestar.testing` client, httpx ASGI transport or HTTP client sent to a running "
                           "server is used",
               "aiohttp": "no aiohttp test client, `aiohttp_client` fixture or HTTP client sent to a running "
                          "server is used",
               "socketio": "no Socket.IO client connects to a server the tests start"}


def _http_text(suite: SuiteIndex, framework: str = "") -> str:
    if not suite.http_modules:
        return f"No test drives the app over HTTP ({_HTTP_MEANS.get(framework, _HTTP_MEANS[''])})."
    return (f"{plural(len(suite.http_modules), 'test module')} drive an app over HTTP, but the modules they "
            f"import do not load these route modules.")


def _component_called_by_tests(model: "ProjectModel", comp: "Component") -> bool:
    for fq in comp.functions:
        if any(is_suite_path(model.functions[e.caller][0].path) for e in model.callers.get(fq, ())):
            return True
    return False


def _component_location(model: "ProjectModel", module: str, comp: "Component") -> Location:
    class_fq = comp.details.get("class", "")
    if class_fq in model.classes:
        facts, cls = model.classes[class_fq]
        return Location(facts.path, cls.line, cls.line, f"{comp.kind} `{cls.name}`")
    facts = model.modules[module]
    lines = sorted(model.functions[fq][1].line for fq in comp.functions if fq in model.functions)
    line = lines[0] if lines else 1
    return Location(facts.path, line, line, f"{comp.kind} module `{module}`")


def _app_import(model: "ProjectModel", entry: "EntryPoint") -> tuple[str, str]:
    """(module, name) of the app object serving the entry point, e.g. ("app.main", "app")."""
    chain = entry.details.get("include_chain") or []
    apps = [r for r in model.app.routers if r["kind"] == "app"]
    serving = [r for r in apps if r["key"] in chain] or apps
    if serving and serving[0]["name"].count("."):
        module, name = serving[0]["name"].rsplit(".", 1)
        return module, name
    return "app.main", "app"


def _recommendation(model: "ProjectModel", label: str, missed: list["EntryPoint"]) -> str:
    entry = missed[0]
    facts, func = model.functions[entry.function]
    if label == "background workers and jobs":
        return _worker_recommendation(facts.module, func, bool(entry.details.get("loop")))
    framework = entry.details.get("framework")
    if framework == "aiohttp":
        return _aiohttp_recommendation(entry, func.name, label)
    if framework == "tornado":
        return _tornado_recommendation(model, entry, func, label)
    if framework == "litestar":
        return _litestar_recommendation(model, entry, func.name, label)
    if framework == "socketio":
        return _socketio_recommendation(entry, label)
    app_module, app_name = _app_import(model, entry)
    if entry.kind == "websocket":
        body = (f"    with TestClient({app_name}) as client, client.websocket_connect(\"{entry.route}\") as ws:\n"
                f"        ws.send_json({{}})  # a first message the handler accepts\n"
                f"        assert ws.receive_json()")
    else:
        method = (entry.methods[0] if entry.methods else entry.name.split(" ")[0]).lower()
        body = (f"    with TestClient({app_name}) as client:\n"
                f"        response = client.{method}(\"{entry.route or '/'}\")\n"
                f"    assert response.status_code == 401  # or the status this call must return")
    code = (f"from fastapi.testclient import TestClient\n\nfrom {app_module} import {app_name}\n\n\n"
            f"def test_{func.name.strip('_')}():\n{body}")
    return ("Add API tests that go through the real routing, dependencies and error handlers, overriding "
            "the database and remote clients with `app.dependency_overrides`; start with the modules holding "
            f"the most {label}:\n\n```python\n{code}\n```")


def _aiohttp_recommendation(entry: "EntryPoint", name: str, label: str) -> str:
    """The same advice for an aiohttp.web server: its test client (pytest-aiohttp's fixture) runs the
    app's real router, middlewares and signals."""
    if entry.kind == "websocket":
        body = (f"    async with client.ws_connect(\"{entry.route}\") as ws:\n"
                f"        await ws.send_json({{}})  # a first message the handler accepts\n"
                f"        assert await ws.receive_json()")
    else:
        method = (entry.methods[0] if entry.methods and entry.methods[0] != "*" else "get").lower()
        body = (f"    response = await client.{method}(\"{entry.route or '/'}\")\n"
                f"    assert response.status == 401  # or the status this call must return")
    code = (f"async def test_{name.strip('_')}(aiohttp_client):\n"
            f"    client = await aiohttp_client(build_app())  # the web.Application the server runs\n{body}")
    return ("Add API tests that go through the real router, middlewares and error handling with aiohttp's "
            "test client, with fakes for the database and remote clients; start with the modules holding "
            f"the most {label}:\n\n```python\n{code}\n```")


def _app_built(model: "ProjectModel", factories: tuple[str, ...]) -> tuple[str, str, list[str]]:
    """(module, name to import, lines building the app) for the (non-test) application object
    built from one of `factories`: by the function that builds it (`make_app()`), by a method of
    the class that owns it (`hub = Hub(...)`, `hub.init_app()`, `hub.application` when the method
    stores it on `self`), or by the name a module binds it to (`app = Litestar(...)`)."""
    return _built_in_function(model, factories) or _bound_in_module(model, factories) or ("app", "app", ["app"])


def _built_in_function(model: "ProjectModel", factories: tuple[str, ...]) -> tuple[str, str, list[str]] | None:
    """The first non-test, non-nested function calling a factory: a module function is the builder
    to call; a method means the test sets up its class first."""
    for edge in model.calls_to(*factories):
        facts, func = model.functions[edge.caller]
        if is_test_path(facts.path) or func.is_nested:
            continue
        if not func.class_name:
            return facts.module, func.name, [f"{func.name}()"]
        return _built_by_method(model, facts, func, edge)
    return None


def _built_by_method(model: "ProjectModel", facts: Any, func: Any, edge: Any) -> tuple[str, str, list[str]]:
    """An app built in a method: construct the owner (with fakes for its stores), then call the
    method; when the method stores the app on `self` (`self.application = ...`), the app is that
    attribute rather than what the method returns."""
    owner = func.class_name.split(".")[0]
    stored = _STORED.match(model.line_text(facts.path, edge.site.line))
    built = f"{owner.lower()}.{stored.group(1)}" if stored else f"{owner.lower()}.{func.name}()"
    setup = [f"{owner.lower()} = {owner}(...)  # set up for the test, with fakes for its stores"]
    return facts.module, owner, setup + ([f"{owner.lower()}.{func.name}()"] if stored else []) + [built]


def _bound_in_module(model: "ProjectModel", factories: tuple[str, ...]) -> tuple[str, str, list[str]] | None:
    """An app built at module level (`app = Litestar(...)`): the name it is bound to, "app" when the
    line binds none the pattern reads."""
    for module, edges in sorted(model.module_edges.items()):
        facts = model.modules[module]
        for edge in edges:
            if edge.target.name in factories and not is_test_path(facts.path):
                bound = _BOUND.match(model.line_text(facts.path, edge.site.line))
                name = bound.group(1) if bound else "app"
                return module, name, [name]
    return None


_STORED = re.compile(r"\s*self\.(\w+)\s*=")
_BOUND = re.compile(r"\s*(\w+)\s*(?::[^=]+)?=")


def example_path(route: str) -> str:
    """A path a test can request for a route pattern: `{id:int}` and Tornado's regex groups
    (`([^/]+)`, `(?P<name>[^/]+)`) become `1`; optional groups and regex anchors go."""
    text = route.strip().lstrip("^").rstrip("$")
    out: list[str] = []
    depth = index = 0
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if not depth:
                optional = text[index + 1:index + 2] in ("?", "*")
                index += 1 if optional else 0
                out.append("" if optional else "1")
        elif not depth:
            out.append(char)
        index += 1
    path = re.sub(r"\{[^}]*\}", "1", "".join(out))
    path = re.sub(r"/\?$", "", path).replace("\\", "")
    return path or "/"


def _tornado_recommendation(model: "ProjectModel", entry: "EntryPoint", func: "FunctionFacts", label: str) -> str:
    """Tornado's own harness: `AsyncHTTPTestCase` serves the app `get_app()` returns on a test
    IOLoop and `self.fetch` sends real requests through its routing and `prepare()`."""
    module, name, built = _app_built(model, TORNADO_APPS)
    owner = (func.class_name or func.name).split(".")[0]
    path = example_path(entry.route)
    if entry.kind == "websocket":
        url = f'self.get_url("{path}").replace("http", "ws", 1)'
        body = ("    @gen_test\n"
                f"    async def test_{func.name.strip('_')}(self):\n"
                f"        ws = await websocket_connect({url})\n"
                "        await ws.write_message(\"{}\")  # a first message the handler accepts\n"
                "        assert await ws.read_message()")
        imports = "from tornado.testing import AsyncHTTPTestCase, gen_test\nfrom tornado.websocket import websocket_connect"
    else:
        method = (entry.methods[0] if entry.methods else "GET").upper()
        payload = ', body="{}"' if method in ("POST", "PUT", "PATCH") else ""
        body = (f"    def test_{func.name.strip('_')}(self):\n"
                f'        response = self.fetch("{path}", method="{method}"{payload})\n'
                "        assert response.code == 200  # or the status this call must return")
        imports = "from tornado.testing import AsyncHTTPTestCase"
    setup = "".join(f"        {line}\n" for line in built[:-1])
    code = (f"{imports}\n\nfrom {module} import {name}\n\n\nclass Test{owner}(AsyncHTTPTestCase):\n"
            f"    def get_app(self):\n{setup}        return {built[-1]}  # the tornado.web.Application the server "
            f"runs\n\n{body}")
    return ("Add API tests with Tornado's `AsyncHTTPTestCase` (or pytest-tornado's `http_client` fixture): they "
            "serve the real `Application` on a test IOLoop, so requests go through its URL patterns, `prepare()` "
            "and error handling; hand the application fakes for the database and remote services through its "
            f"settings; start with the modules holding the most {label}:\n\n```python\n{code}\n```")


def _litestar_recommendation(model: "ProjectModel", entry: "EntryPoint", name: str, label: str) -> str:
    """Litestar's `litestar.testing` client runs the app with its lifespan hooks, guards and
    dependencies; fakes replace providers through the `dependencies` mapping."""
    module, app_name, built = _app_built(model, LITESTAR_APP)
    app = built[-1] if len(built) == 1 else "app"
    path = example_path(entry.route)
    if entry.kind == "websocket":
        body = (f'    with TestClient(app={app}) as client, client.websocket_connect("{path}") as ws:\n'
                "        ws.send_json({})  # a first message the handler accepts\n"
                "        assert ws.receive_json()")
    else:
        method = (entry.methods[0] if entry.methods else "GET").lower()
        body = (f"    with TestClient(app={app}) as client:\n"
                f'        response = client.{method}("{path}")\n'
                "    assert response.status_code == 401  # or the status this call must return")
    code = (f"from litestar.testing import TestClient\n\nfrom {module} import {app_name}\n\n\n"
            f"def test_{name.strip('_')}():\n{body}")
    return ("Add API tests with Litestar's `TestClient` (or `AsyncTestClient`) from `litestar.testing`: it runs "
            "the app's startup hooks, guards, middleware and exception handlers; replace the database and remote "
            "clients with fakes through the `dependencies` mapping (`Provide(...)`), or build a small app with "
            "`create_test_client(route_handlers=[...], dependencies={...})`; start with the modules holding the "
            f"most {label}:\n\n```python\n{code}\n```")


def _socketio_recommendation(entry: "EntryPoint", label: str) -> str:
    """python-socketio has no in-process test client: the test serves the ASGI app and connects
    with the library's own client, so events go through the real server, namespaces and rooms."""
    event = str(entry.details.get("event") or "message")
    namespace = entry.details.get("namespace") or "/"
    name = re.sub(r"\W", "_", event).strip("_") or "event"
    code = ("import socketio\n\n\n"
            f"async def test_{name}(server_url):  # a fixture serving the ASGI app (uvicorn on a free port)\n"
            "    async with socketio.AsyncSimpleClient() as client:\n"
            f'        await client.connect(server_url, namespace="{namespace}")\n'
            f'        await client.emit("{event}", {{}})  # a payload the handler accepts\n'
            "        assert await client.receive(timeout=5)")
    return ("Add tests that connect a real Socket.IO client (`socketio.AsyncSimpleClient`) to the server the test "
            "starts, with fakes for the database and remote services, and assert on what the handlers emit; "
            f"start with the modules holding the most {label}:\n\n```python\n{code}\n```")


def _service_recommendation(model: "ProjectModel", module: str, comp: "Component") -> str:
    name = comp.name.rsplit(".", 1)[-1]
    code = (f"from {module} import {name}\n\n\n"
            f"async def test_{name.lower()}_rejects_invalid_input():\n"
            f"    service = {name}(...)  # fakes for its collaborators\n"
            f"    ...  # the edge cases: empty input, missing rows, a failing dependency")
    if comp.details.get("module"):
        code = (f"from {module} import ...\n\n\n"
                f"async def test_{module.rsplit('.', 1)[-1]}_edge_cases():\n    ...  # with fakes for its I/O")
    return ("Give each service its own unit tests with fakes for the database and remote clients, covering "
            f"its edge cases (missing rows, invalid input, a failing dependency):\n\n```python\n{code}\n```")


def _worker_recommendation(module: str, func: "FunctionFacts", loops: bool) -> str:
    owner = func.class_name.split(".")[0] if func.class_name else func.name
    params = [p.name for p in func.params if p.name not in ("self", "cls") and p.kind not in ("vararg", "kwarg")]
    if loops and func.is_async:
        call = f"{owner}(...).{func.name}()" if func.class_name else f"{func.name}(...)"
        code = (f"import asyncio\n\nfrom {module} import {owner}\n\n\n"
                f"async def test_{func.name.strip('_')}_survives_a_failing_iteration():\n"
                f"    task = asyncio.create_task({call})  # with fakes that fail once\n"
                f"    await asyncio.sleep(0.1)\n    assert not task.done()  # still running after the failure\n"
                f"    task.cancel()")
        return ("Test each worker's loop directly, with fakes for the database and clients: one iteration that "
                "succeeds, one that fails and must not kill the loop, and cancellation:\n\n```python\n"
                f"{code}\n```")
    target = f"{owner}(...).{func.name}" if func.class_name else func.name
    call = f"{'await ' if func.is_async else ''}{target}({', '.join(f'{p}={p}' for p in params)})"
    code = (f"from {module} import {owner}\n\n\n{'async ' if func.is_async else ''}def test_{func.name.strip('_')}"
            f"({', '.join(params)}):  # fixtures: a test database session, fakes for remote clients\n"
            f"    {call}\n    ...  # assert on the rows it changed and the messages it sent")
    return ("Call each job once in a test, with a test database and fakes for the services it notifies, and "
            f"assert on its effects:\n\n```python\n{code}\n```")
