"""RA612 health-check-gap: readiness probes that check a cache or broker but never the database."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...model.app import EntryPoint, Resource
from ...model.project import ProjectModel
from ...model.resilience.runtime import forward
from ..api import ProjectContext, Rule, register
from ._probes import probed_routes
from .static_health_check import (checked_by, dependencies, health_endpoints, is_liveness, probe_citation,
                                  served_resources, store_name)


@register
class ProbeSkipsDatabase(Rule):
    """A readiness probe that checks the cache (or broker) but none of the databases the service uses.

    What it finds:
        Health and readiness routes (as RA610 finds them: `/health`, `/ready`, a route the
        deployment probes) whose handler does reach a dependency - it pings Redis, a broker -
        while the service also uses a database that no probe of the application touches. A
        probe that checks nothing at all is RA610's; liveness probes, which rightly check
        nothing, and services whose database some probe checks are not reported.

    Why it matters:
        The probe looks like a real readiness check, so nobody adds one for the database: when
        the database is down or its pool exhausted, the instance stays in rotation answering
        errors, because the only dependency the probe looks at is the one that is still up.

    Example:
        @router.get("/health")
        async def health(request: Request) -> dict:
            await request.app.state.redis.ping()
            return {"status": "ok", "checked": ["redis"]}

    Instead:
        Check the system of record too, with a short timeout, and answer 503 when it fails:

            async with engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2)
    """

    id = "RA612"
    name = "probe-skips-database"
    category = "health-check-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        databases = [r for r in dependencies(model) if r.kind == "database"]
        if not databases:
            return
        probes = _readiness_probes(model, ctx.extra.get("other_files") or [])
        everything = served_resources(model)
        checks = {e.function: checked_by(model, e.function, everything) for e in probes}
        if any(r.kind == "database" for found in checks.values() for r in found) \
                or _may_reach_database(model, probes, databases):
            return  # some probe reaches the database: the readiness story covers it
        for entry in probes:
            if checks[entry.function]:
                yield self._finding(model, entry, checks[entry.function], databases)

    def _finding(self, model: ProjectModel, entry: EntryPoint, checked: list[Resource],
                 databases: list[Resource]) -> Finding:
        seen = ", ".join(sorted({store_name(r) for r in checked}))
        missing = ", ".join(sorted({store_name(r) for r in databases}))
        name = entry.function.rsplit(".", 1)[-1]
        description = (
            f"{entry.name} (`{name}`) checks {seen}, but neither it nor any other probe of the application touches "
            f"the database{'s' if len(databases) > 1 else ''} the service depends on ({missing}): with the database "
            "down or its pool exhausted the probe still answers healthy, and the instance stays in rotation."
        )
        primary, related = probe_citation(model, entry)
        return self.finding(primary, f"{entry.name} checks {seen} but not the database", description,
                            related=related,
                            recommendation="Add the database to the probe, with a short timeout, and answer 503 when "
                                           "it fails:\n\n    async with engine.connect() as conn:\n"
                                           "        await asyncio.wait_for(conn.execute(text(\"SELECT 1\")), "
                                           "timeout=2)")


def _may_reach_database(model: ProjectModel, probes: list[EntryPoint], databases: list[Resource]) -> bool:
    """A probe, or something it calls, holds SQL text, or calls a function of the module that
    creates a database (`session_factory()` beside the engine, handing out its sessions): it may
    query the database through a handle the model does not tie to the resource, so it is not
    reported."""
    own = {fq for e in probes for fq in (e.function, *model.nested_in(e.function))}
    reach = forward(model, list(own))
    homes = {r.path for r in databases}
    return any(record["function"] in reach for record in model.app.sql) \
        or any(model.functions[fq][0].path in homes for fq in reach - own if fq in model.functions)


def _readiness_probes(model: ProjectModel, other_files: list[str]) -> list[EntryPoint]:
    """The application's probe routes (by path, or requested by the deployment's health check),
    liveness probes left out."""
    routes = model.app.of_kind("http")
    probed = probed_routes(model, routes, other_files)
    endpoints = health_endpoints(model)
    endpoints += [e for e in routes if e.function in probed and e not in endpoints]
    return [e for e in endpoints if not is_liveness(e, model)]
