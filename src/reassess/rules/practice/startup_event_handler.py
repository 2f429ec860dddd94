"""RA885 fastapi-practice: `@app.on_event("startup"/"shutdown")` handlers, ignored beside a lifespan."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...model.app import EntryPoint
    from ...model.project import ProjectModel


@register
class StartupEventHandler(Rule):
    """Startup and shutdown handlers registered with `on_event`.

    What it finds:
        Handlers registered with `@app.on_event("startup")` / `("shutdown")` (or
        `add_event_handler`) on an app or router. When the same app is also given a
        `lifespan=`, Starlette runs only the lifespan and these handlers never run: that
        case is HIGH. Otherwise the registration is deprecated (FastAPI 0.93+) and it is
        LOW. One finding per app.

    Why it matters:
        With a lifespan, whatever the handlers set up (pools, clients, background tasks,
        caches warmed at start) silently does not exist, and what they clean up is never
        closed; nothing logs or fails at start-up. Without one, the event API is
        deprecated, and start-up and shutdown code split over two functions cannot share
        state except through globals.

    Example:
        app = FastAPI(lifespan=lifespan)

        @app.on_event("startup")
        async def warm_cache():  # never runs
            ...

    Instead:
        @asynccontextmanager
        async def lifespan(app: FastAPI):
            await warm_cache()
            yield
            await close_clients()
    """

    id = "RA885"
    name = "startup-event-handler"
    category = "fastapi-practice"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        lifespans = {e.details.get("app", ""): e for e in model.app.of_kind("lifespan")}
        by_app: dict[str, list["EntryPoint"]] = {}
        for entry in model.app.of_kind("startup", "shutdown"):
            if _registered_by_event(model, entry):
                by_app.setdefault(entry.details.get("app", ""), []).append(entry)
        for app in sorted(by_app):
            handlers = sorted(by_app[app], key=lambda e: _where(e))
            yield self._finding(model, handlers, lifespans.get(app) if app else None)

    def _finding(self, model: "ProjectModel", handlers: list["EntryPoint"], lifespan: "EntryPoint | None") -> Finding:
        path, line = _where(handlers[0])
        names = ", ".join(f"`{e.function.rsplit('.', 1)[-1]}` ({e.kind})" for e in handlers)
        related = [Location(p, n, n, f"{e.kind} handler `{e.function.rsplit('.', 1)[-1]}`")
                   for e in handlers[1:] for p, n in [_where(e)]]
        if lifespan is not None:
            lpath, lline = lifespan.details.get("registered_at", f"{lifespan.path}:{lifespan.line}").rsplit(":", 1)
            related.append(Location(lpath, int(lline), int(lline), "the app's lifespan, which replaces them"))
            return self.finding(
                Location(path, line, line),
                f"{plural(len(handlers), 'startup/shutdown handler')} never run: the app has a lifespan",
                f"{names} {'is' if len(handlers) == 1 else 'are'} registered with `on_event`, but the app also "
                f"gets `lifespan={lifespan.function.rsplit('.', 1)[-1]}` ({lifespan.path}:{lifespan.line}); Starlette "
                "then runs only the lifespan, so these handlers never run and nothing reports it.",
                recommendation=_recommendation(model, lifespan.function.rsplit(".", 1)[-1], handlers, True),
                severity="HIGH", related=related,
            )
        return self.finding(
            Location(path, line, line),
            f"Deprecated `on_event` for {plural(len(handlers), 'startup/shutdown handler')}",
            f"{names} {'is' if len(handlers) == 1 else 'are'} registered with `on_event`, deprecated since "
            "FastAPI 0.93 in favour of a lifespan context manager.",
            recommendation=_recommendation(model, "lifespan", handlers, False)
            + "\n\nand create the app with `FastAPI(lifespan=lifespan)`.", related=related,
        )


def _registered_by_event(model: "ProjectModel", entry: "EntryPoint") -> bool:
    """Registered by `@x.on_event(...)` or `x.add_event_handler(...)`, not by the constructor."""
    where = entry.details.get("registered_at", "")
    path, _, line = where.rpartition(":")
    if not line.isdigit() or path not in model.by_path:
        return False
    text = model.line_text(path, int(line))
    return ".on_event(" in text or "add_event_handler(" in text


def _where(entry: "EntryPoint") -> tuple[str, int]:
    path, _, line = entry.details.get("registered_at", f"{entry.path}:{entry.line}").rpartition(":")
    return path, int(line)


def _recommendation(model: "ProjectModel", lifespan: str, handlers: list["EntryPoint"], existing: bool) -> str:
    def call(entry: "EntryPoint") -> str:
        func = model.functions.get(entry.function)
        prefix = "await " if func is None or func[1].is_async else ""
        return f"    {prefix}{entry.function.rsplit('.', 1)[-1]}()"

    body = [call(e) for e in handlers if e.kind == "startup"]
    body += ["    ...  # its start-up code as today"] if existing else []
    body += ["    yield"] + (["    ...  # its shutdown code as today"] if existing else [])
    body += [call(e) for e in handlers if e.kind == "shutdown"]
    return ("Call the handlers from the lifespan (and drop the `on_event` decorators), so start-up and shutdown "
            f"run in one place:\n\n```python\n@asynccontextmanager\nasync def {lifespan}(app: FastAPI):\n"
            + "\n".join(body) + "\n```")
