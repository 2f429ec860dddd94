"""RA610 health-check-gap: health endpoints that check nothing, or none at all."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ...facts.types import FunctionFacts, Param
from ...findings import Finding, Location
from ...knowledge.auth import auth_word
from ...knowledge.responses import answered_status
from ...model.app import EntryPoint, Resource
from ...model.project import Edge, ProjectModel
from ...model.app import is_test_path
from ...model.inventories import component_route, is_health_route, liveness_route, placeholder_segment, route_segments
from ...model.resilience.runtime import forward
from ...model.workers import forward_reach
from ..api import ProjectContext, Rule, register
from ._probes import probed_routes

LIVENESS_HANDLER = re.compile(r"^(is_)?(live(ness|z)?|alive)(_(probe|check))?$", re.I)
_STATEFUL = ("database", "cache", "broker", "search")
APP_FACTORIES = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI", "starlette.applications.Starlette"})


_ANSWER_CALLS = frozenset({"dict", "str", "JSONResponse", "Response", "PlainTextResponse"})


def health_endpoints(model: ProjectModel) -> list[EntryPoint]:
    return [e for e in model.app.of_kind("http") if not is_test_path(e.path)
            and (_probe_route(e.route or "") or component_route(e.route or "")
                 and _fixed_answer(model, e.function)) and not _signed_in(model, e.function)]


def _probe_route(route: str) -> bool:
    """`/health`, `/ready`, `/status`, Tornado's `r"/health$"`, ...: the model's one test of a probe
    path (`is_health_route`: `status` and `ping` only at the API's top, so `/api/mfa/status` is a
    resource's state). A probe names no record, so `/queues/{id}/health` is not one either."""
    return is_health_route(route) and not any(placeholder_segment(part) for part in route_segments(route))


_SIGNED_IN = ("auth", "user", "token", "admin", "api_key", "apikey", "credential", "principal")


def _signed_in(model: ProjectModel, fq: str) -> bool:
    """The handler takes a signed-in caller (`user=Depends(get_current_user)`, `Security(...)`):
    an orchestrator's probe sends no credentials, so this is a status page for people."""
    func = model.functions[fq][1] if fq in model.functions else None
    return func is not None and any(_signed_in_param(p) for p in func.params)


def _signed_in_param(param: Param) -> bool:
    if param.default_call.rsplit(".", 1)[-1] in ("Depends", "Security"):
        return param.default_call.endswith("Security") or auth_word(f"{param.name} {param.default_args!r}", _SIGNED_IN)
    return "Depends(" in param.annotation and auth_word(param.annotation, _SIGNED_IN)


def _fixed_answer(model: ProjectModel, fq: str) -> bool:
    """The handler only builds its answer (`return {"status": "ok", "worker": "ingest"}`): a
    component probe that reads the component's state (its last run, its queue) checks it."""
    func = model.functions[fq][1] if fq in model.functions else None
    return func is not None and all(not s.awaited and s.name.rsplit(".", 1)[-1] in _ANSWER_CALLS for s in func.calls)


_ERROR_ANSWERS = frozenset({"JSONResponse", "Response", "PlainTextResponse", "ORJSONResponse", "HTTPException",
                            "json_response"})


def answers_unhealthy(model: ProjectModel, fq: str) -> bool:
    """The handler branches and one branch answers a 5xx (`return JSONResponse(status_code=503)`,
    `raise HTTPException(503)`): the probe decides from something it computes (a readiness state
    the lifespan and a watchdog keep, a queue's lag), so the orchestrator can take the instance out
    of rotation. It checks something, if not a store."""
    func = model.functions[fq][1] if fq in model.functions else None
    if func is None or func.complexity < 2:
        return False
    for site in func.calls:
        if site.name.rsplit(".", 1)[-1] not in _ERROR_ANSWERS:
            continue
        if 500 <= (answered_status(site) or 0) < 600:
            return True
    return False


def is_liveness(entry: EntryPoint, model: ProjectModel) -> bool:
    """A liveness probe by its route (`/livez`), by what its handler is called (`liveness`), or by
    what its docstring says it is ("Liveness endpoint: 200 while the process answers")."""
    return bool(liveness_route(entry.route or "")
                or LIVENESS_HANDLER.match(entry.function.rsplit(".", 1)[-1])
                or _documented_liveness(model, entry.function))


_LIVENESS_WORD = re.compile(r"\bliveness\b", re.I)
_READINESS_WORD = re.compile(r"\bread(iness|y)\b", re.I)


def _documented_liveness(model: ProjectModel, fq: str) -> bool:
    """The handler's docstring (the lines between its `def` and its body) calls it a liveness probe,
    and not also a readiness one ("Readiness and liveness probe" is judged as readiness)."""
    facts, func = model.functions.get(fq, (None, None))
    if func is None or not func.has_docstring:
        return False
    head = " ".join(model.line_text(facts.path, line) for line in range(func.line + 1, func.body_line))
    return bool(_LIVENESS_WORD.search(head)) and not _READINESS_WORD.search(head)


def served_resources(model: ProjectModel) -> list[Resource]:
    """Resources the running service uses: some function its entry points reach uses them."""
    def build() -> list[Resource]:
        roots = [e.function for e in model.app.entrypoints if e.kind not in ("lifespan", "startup", "shutdown")]
        serving = forward_reach(model, roots, limit=200_000)
        return [r for r in model.app.resources if not is_test_path(r.path) and serving & set(r.users)]
    return model.memo("observability.served_resources", build)


def dependencies(model: ProjectModel) -> list[Resource]:
    """Stores the service depends on (database, cache, broker, search)."""
    return [r for r in served_resources(model) if r.kind in _STATEFUL]


def checked_by(model: ProjectModel, fq: str, resources: list[Resource]) -> list[Resource]:
    """Resources (of any kind) used by the function, the probes nested in it, or anything they call.

    A handler often defines its probes inline and runs them through a loop or `gather`
    (`for name, probe in (("db", db), ...): await probe()`); the nested function is no call
    edge, but nothing else can reach it, so it counts as the handler's own work.
    """
    reach = forward(model, [fq, *model.nested_in(fq)])
    return [r for r in resources if not reach.isdisjoint(r.users)]


def probe_citation(model: ProjectModel, entry: EntryPoint) -> tuple[Location, list[Location]]:
    """(primary, related) for a probe route: its answer (see `cited_answer`), with the route's
    decorator and the handler's `return`s beside it (where the probe is declared and where it
    answers healthy)."""
    if entry.function not in model.functions:
        return Location(entry.path, entry.line, entry.line), []
    func = model.functions[entry.function][1]
    sites = [Location(entry.path, d.line, d.line, "the probe's route") for d in func.decorators
             if d.is_call and d.line != entry.line]
    sites += [Location(entry.path, line, line, "answers here") for line in func.extra.get("return_lines", ())]
    return cited_answer(entry.path, entry.line, func, sites)


def cited_answer(path: str, def_line: int, func: FunctionFacts, sites: list[Location]
                 ) -> tuple[Location, list[Location]]:
    """(primary, related): the probe is cited at its last `return`, the healthy answer it gives
    without looking at anything (the line that shows the defect); the handler's own line stays
    a related location (`Rule.finding` drops the site that is the primary line itself). A
    handler with no `return` is cited at its `def`."""
    returns = func.extra.get("return_lines", ())
    if not returns:
        return Location(path, def_line, def_line), sites
    line = returns[-1]
    return Location(path, line, line), [Location(path, def_line, def_line, "the probe's handler"), *sites]


def store_name(resource: Resource) -> str:
    details = resource.details
    return details.get("store") or details.get("service") or f"the {resource.factory} in `{resource.binding}`"


@register
class StaticHealthCheck(Rule):
    """A health endpoint that answers "ok" without checking anything the service depends on.

    What it finds:
        Routes such as `/health`, `/healthz`, `/ready`, `/status`, `/ping` or a component's
        probe under the health prefix (`/health/ingest`) whose handler, and
        everything it calls, never touches the database, cache or broker the application uses.
        When another probe does check them (a `/ready` that pings the database) the finding says
        so and is less severe; a probe that branches to a 5xx answer (`if state != "ready": return
        JSONResponse(status_code=503)`) decides from something it computes and is not reported; a dependency no probe checks is named. Liveness probes (`/live`,
        `/livez`, `/health/liveness`, a handler named `liveness`/`live`/`alive`, or one whose docstring calls it
        the liveness endpoint) are static by design - a
        restart does not fix a database
        outage - and are never reported. A route the deployment probes (a Docker `HEALTHCHECK`,
        a compose or Kubernetes probe, a `healthcheck.py` script requesting it on localhost) is
        a health endpoint whatever its path. An application with such dependencies and no probe
        route at all (or only liveness probes) is reported once, where it is created. A worker
        process's own aiohttp side server (`app.router.add_get("/health", health)`, wired in its
        `main()` or in a helper `main()` awaits) whose health handler only builds a response is
        reported when that process reaches a database, cache or broker.

    Why it matters:
        Orchestrators and load balancers route traffic by these probes. A probe that always says
        "ok" keeps sending requests to an instance whose database pool is exhausted or whose
        cache is unreachable, so an outage shows up as errors to users instead of the instance
        being taken out of rotation (and alerting stays silent).

    Example:
        @app.get("/health")
        async def health():
            return {"status": "ok"}

    Instead:
        Keep liveness cheap but make readiness real: check each dependency with a short timeout
        and answer 503 when one fails, and point the load balancer at it:

            @app.get("/health/ready")
            async def ready(request: Request):
                checks = {"database": await ping_db(request), "redis": await ping_redis(request)}
                ok = all(checks.values())
                return JSONResponse(checks, status_code=200 if ok else 503)
    """

    id = "RA610"
    name = "static-health-check"
    category = "health-check-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        yield from self._side_servers(model)
        routes = model.app.of_kind("http")
        probed = probed_routes(model, routes, ctx.extra.get("other_files") or [])
        endpoints = health_endpoints(model)
        endpoints += [e for e in routes if e.function in probed and e not in endpoints]
        ctx.examine("health endpoints", len(endpoints))
        resources = dependencies(model)
        if not resources:
            return
        liveness = [e for e in endpoints if is_liveness(e, model)]
        endpoints = [e for e in endpoints if not is_liveness(e, model)]  # liveness must not check dependencies
        if not endpoints:
            yield from self._no_endpoint(model, resources, liveness)
            return
        yield from self._unchecking(model, endpoints, resources, probed)

    def _unchecking(self, model: ProjectModel, endpoints: list[EntryPoint], resources: list[Resource],
                    probed: dict[str, tuple[str, int]]) -> Iterator[Finding]:
        """One finding per probe that touches none of the service's dependencies."""
        everything = served_resources(model)
        checks = {e.function: checked_by(model, e.function, everything) for e in endpoints}
        checking = [e for e in endpoints if checks[e.function]]
        covered = {id(r) for e in checking for r in checks[e.function]}
        unchecked = sorted({store_name(r) for r in resources if id(r) not in covered})
        checks = {fq: [r for r in found if r.kind in _STATEFUL] or found for fq, found in checks.items()}
        for entry in _static_probes(model, endpoints, checks):
            primary, related = probe_citation(model, entry)
            if entry.function in probed:
                path, line = probed[entry.function]
                related.append(Location(path, line, line, "the health check requests this route"))
            yield self._finding(entry, resources, checking, checks, unchecked, (primary, related))

    def _no_endpoint(self, model: ProjectModel, resources: list[Resource],
                     liveness: list[EntryPoint]) -> Iterator[Finding]:
        site = app_creation(model)
        routes = model.app.of_kind("http")
        if site is None or not routes:
            return
        path, line, end = site
        stores = sorted({store_name(r) for r in resources})
        probes = (f"its only probe{'s are' if len(liveness) > 1 else ' is'} {', '.join(e.name for e in liveness)}, "
                  "a liveness check that rightly tests only the process," if liveness
                  else "no route is a health, readiness or liveness probe:")
        yield self.finding(
            Location(path, line, end), "no health or readiness endpoint" if not liveness else "no readiness endpoint",
            f"The application created at {path}:{line} serves {len(routes)} HTTP routes and depends on "
            f"{', '.join(stores)}, but {probes} the orchestrator can only see whether the process runs, not "
            "whether it can reach its dependencies.",
            related=[Location(e.path, e.line, e.line, "liveness probe") for e in liveness],
        )

    def _finding(self, entry: EntryPoint, resources: list[Resource], checking: list[EntryPoint],
                 checks: dict[str, list[Resource]], unchecked: list[str],
                 cited: tuple[Location, list[Location]]) -> Finding:
        stores = sorted({store_name(r) for r in resources})
        other = ""
        if checking:
            other = " " + "; ".join(
                f"{e.name} does check {', '.join(sorted({store_name(r) for r in checks[e.function]}))}"
                for e in checking) + "."
        missing = f" No probe checks {', '.join(unchecked)}." if unchecked and checking else ""
        description = (
            f"{entry.name} (`{entry.function.rsplit('.', 1)[-1]}`) answers without touching any of the service's "
            f"dependencies ({', '.join(stores)}): it reports healthy while they are down.{other}{missing}"
        )
        primary, related = cited
        return self.finding(
            primary, f"{entry.name} checks no dependency", description,
            severity="LOW" if checking else self.severity, related=related,
            recommendation=_FRAMEWORK_RECOMMENDATIONS.get(entry.details.get("framework", ""), ""),
        )

    def _side_servers(self, model: ProjectModel) -> Iterator[Finding]:
        """The health route a worker process serves on a small aiohttp server of its own."""
        for probe in aiohttp_probes(model):
            facts, func = model.functions[probe.handler]
            stores = sorted({store_name(r) for r in probe.stores})
            name = probe.handler.rsplit(".", 1)[-1]
            owner = probe.owner.rsplit(".", 1)[-1]
            description = (
                f"`{owner}` serves `{probe.route}` with `{name}`, which always answers healthy: it touches none "
                f"of the {', '.join(stores)} that `{owner}` works with, nor the state of the loops it runs, so the "
                "orchestrator keeps the process (and routes nothing away from it) while its dependencies are "
                "down or its work has stopped."
            )
            recommendation = (
                "Answer from what the process actually needs, and fail when it cannot work:\n\n"
                f"    async def {name}(request: web.Request) -> web.Response:\n"
                "        try:\n"
                "            await asyncio.wait_for(redis.ping(), timeout=1)\n"
                "        except Exception:\n"
                "            return web.json_response({\"status\": \"unavailable\"}, status=503)\n"
                "        return web.json_response({\"status\": \"ok\"})"
            )
            registered = Location(probe.path, probe.line, probe.line, "the route is registered here")
            primary, related = cited_answer(facts.path, func.line, func, [registered])
            yield self.finding(primary, f"{probe.route} of {owner} checks nothing", description,
                               recommendation=recommendation, related=related)


# The fix in the framework's own terms (FastAPI/Starlette keep the rule's documented one).
_FRAMEWORK_RECOMMENDATIONS = {
    "tornado": ("Keep liveness cheap but make readiness real: check each dependency with a short timeout and "
                "answer 503 when one fails, and point the load balancer at it:\n\n"
                "    class ReadyHandler(web.RequestHandler):\n"
                "        async def get(self):\n"
                "            try:\n"
                "                await asyncio.wait_for(ping_db(self.settings[\"db\"]), timeout=1)\n"
                "            except Exception:\n"
                "                raise web.HTTPError(503)\n"
                "            self.write({\"status\": \"ok\"})"),
    "litestar": ("Keep liveness cheap but make readiness real: check each dependency with a short timeout and "
                 "answer 503 when one fails, and point the load balancer at it:\n\n"
                 "    @get(\"/health/ready\")\n"
                 "    async def ready(db_session: AsyncSession) -> Response[dict]:\n"
                 "        try:\n"
                 "            await asyncio.wait_for(db_session.execute(text(\"SELECT 1\")), timeout=1)\n"
                 "        except Exception:\n"
                 "            return Response({\"database\": \"down\"}, status_code=503)\n"
                 "        return Response({\"database\": \"ok\"})"),
}


@dataclass(frozen=True)
class SideProbe:
    route: str
    handler: str  # fq of the handler
    owner: str  # the function that builds the server
    path: str
    line: int
    stores: tuple[Resource, ...]


_AIOHTTP_ADDERS = (".add_get", ".add_route")
_RESPONSES = frozenset({"json_response", "Response", "json", "text"})


def _static_probes(model: ProjectModel, endpoints: list[EntryPoint], checks: dict[str, list]) -> list[EntryPoint]:
    """The probes whose handler checks no dependency and never answers unhealthy, one per handler:
    one handler serving several probe paths (`/health`, `/api/health`) is one finding."""
    seen: set[str] = set()
    out: list[EntryPoint] = []
    for entry in endpoints:
        if not (checks[entry.function] or answers_unhealthy(model, entry.function) or entry.function in seen):
            seen.add(entry.function)
            out.append(entry)
    return out


def aiohttp_probes(model: ProjectModel) -> list[SideProbe]:
    """Health routes (not liveness) registered on an aiohttp server (`app.router.add_get(
    "/healthz", health)`) whose handler only builds a response - no call, no branch - in a
    function that itself, or a function starting it, reaches a database, cache or broker."""
    names = [n for n in model.target_names() if n.startswith("aiohttp.web.") and n.endswith(_AIOHTTP_ADDERS)]
    found: list[SideProbe] = []
    for edge in model.calls_to(*names) if names else []:
        route, handler = _route_and_handler(edge.site)
        if not isinstance(route, str) or not is_health_route(route) or liveness_route(route):
            continue
        fq = _handler(model, edge.caller, handler)
        facts = model.functions[edge.caller][0]
        if (not fq or is_test_path(facts.path) or LIVENESS_HANDLER.match(fq.rsplit(".", 1)[-1]) or
                not _static(model, fq)):
            continue
        for owner in _server_owners(model, edge.caller):
            reached = forward(model, [owner])
            stores = tuple(r for r in model.app.resources if r.kind in _STATEFUL and not reached.isdisjoint(r.users))
            if stores:
                found.append(SideProbe(route, fq, owner, facts.path, edge.site.line, stores))
                break
    return found


def _server_owners(model: ProjectModel, builder: str) -> list[str]:
    """The function that builds the probe server, then those that call it (a worker process's
    `main()` calling `await _start_health_server()`): the process whose dependencies the probe
    answers for is the one that starts the server, not only the helper that wires the route."""
    return [builder, *sorted(model.functions_calling(to=[builder]))]


def _route_and_handler(site) -> tuple[object, object]:
    """(route, handler) as passed: `add_get("/healthz", health)`, `add_route("GET", "/healthz", health)`."""
    args = site.args
    if site.name.endswith("add_get") and len(args) > 1:
        return args[0], args[1]
    return (args[1], args[2]) if len(args) > 2 else ("", None)


def _handler(model: ProjectModel, scope: str, value: object) -> str:
    if not isinstance(value, dict) or "ref" not in value:
        return ""
    facts, func = model.functions[scope]
    found = model.resolver.type_of_value(facts, func, value, 1)
    return found[1] if found and found[0] == "function" and found[1] in model.functions else ""


def _static(model: ProjectModel, fq: str) -> bool:
    _facts, func = model.functions[fq]
    return func.complexity == 1 and all(site.func and site.func[-1] in _RESPONSES for site in func.calls)


# Calls that hang routes, routers and middleware on an application: a scope without any holds a stray app.
_APP_WIRING = frozenset({"include_router", "add_middleware", "mount", "add_api_route", "add_route",
                         "add_exception_handler", "add_event_handler", "add_api_websocket_route"})


def app_creation(model: ProjectModel) -> tuple[str, int, int] | None:
    """Where the (non-test) FastAPI/Starlette application that is served is created: one given a
    `lifespan` first (a mounted sub-application's lifespan never runs, so the app that has one is
    the outer one), then one whose scope (module or factory function) wires routers, middleware or
    routes into it (a stray `app = FastAPI()` in a helper module serves nothing), the earliest on a tie."""
    return model.memo("observability.app_creation", lambda: _app_creation(model))


def _app_creation(model: ProjectModel) -> tuple[str, int, int] | None:
    found = []
    routed = {e.path for e in model.app.of_kind("http", "websocket")}
    for module, edges in model.module_edges.items():
        facts = model.modules[module]
        for edge in edges:
            if edge.target.name in APP_FACTORIES and not is_test_path(facts.path):
                found.append((*_rank(edge, edges, facts.path in routed), facts.path, edge.site.line,
                              edge.site.end_line))
    for edge in model.calls_to(*APP_FACTORIES):  # (the earliest wins: the order does not matter)
        facts = model.functions[edge.caller][0]
        if not is_test_path(facts.path):
            found.append((*_rank(edge, model.edges.get(edge.caller, ()), False),
                          facts.path, edge.site.line, edge.site.end_line))
    return min(found)[2:] if found else None


def _rank(created: Edge, scope_edges: Iterable[Edge], routes: bool) -> tuple[bool, bool]:
    """(no lifespan given, wired with nothing) for an application constructor call: lower is likelier served."""
    given = created.site.kwargs
    wired = routes or "routes" in given or "middleware" in given or \
        any(e.site.func and e.site.func[-1] in _APP_WIRING for e in scope_edges)
    return "lifespan" not in given, not wired
