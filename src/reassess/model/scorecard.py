"""Scores from counted facts: each row says what it was computed from, so a reader can
check the arithmetic. A score is an integer 0-10, or None when there is nothing to score."""
from __future__ import annotations

from typing import Any


def _ratio(good: int, total: int) -> int | None:
    return round(10 * good / total) if total else None


def scorecard(inv: dict[str, Any]) -> list[dict[str, Any]]:
    return [_timeouts(inv["timeouts"]), _health(inv["health_checks"]), _errors(inv["observability"]),
            _hooks(inv["observability"]), _state(inv["stateful_components"]),
            _workers(inv["worker_coordination"])]


def _row(area: str, score: int | None, basis: str, **facts: Any) -> dict[str, Any]:
    return {"area": area, "score": score, "max": 10, "basis": basis, "facts": facts}


def _timeouts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    judged = [r for r in rows if r["scope"] != "summary" and r["bounded"] is not None]
    bounded = sum(1 for r in judged if r["bounded"])
    unknown = sum(1 for r in rows if r["scope"] != "summary" and r["bounded"] is None)
    return _row("Timeout configuration", _ratio(bounded, len(judged)),
                f"{bounded} of {len(judged)} timeouts on pools, clients and call sites are bounded "
                f"(10 x {bounded}/{len(judged)}); {unknown} whose effective limit cannot be known from the code "
                f"(a value read at run time, or a library default reassess does not know) are not counted",
                bounded=bounded, judged=len(judged), unknown=unknown)


def _health(health: dict[str, Any]) -> dict[str, Any]:
    deps = len(health["dependencies"])
    probed = deps - len(health["unprobed"])
    if not health["endpoints"]:
        return _row("Health checks", 0, "no health endpoint found (0)", endpoints=0, dependencies=deps, probed=0)
    coverage = 5 * probed / deps if deps else 5
    score = round(2 * health["has_liveness"] + 3 * health["has_readiness"] + coverage)
    return _row("Health checks", score,
                f"liveness endpoint {2 if health['has_liveness'] else 0}/2 + readiness probing a dependency "
                f"{3 if health['has_readiness'] else 0}/3 + dependencies probed 5 x {probed}/{deps}",
                endpoints=len(health["endpoints"]), dependencies=deps, probed=probed)


def _errors(obs: dict[str, Any]) -> dict[str, Any]:
    handled = obs["except_logged"] + obs["except_reraised"]
    total = obs["except_handlers"]
    return _row("Error logging", _ratio(handled, total),
                f"{handled} of {total} except blocks log or re-raise (10 x {handled}/{total})",
                logged=obs["except_logged"], reraised=obs["except_reraised"], silent=len(obs["except_silent"]),
                handlers=total)


def _hooks(obs: dict[str, Any]) -> dict[str, Any]:
    parts = [("logging configured", 2, bool(obs["logging_setup"])),
             ("metrics", 3, bool(obs["metrics"] or obs["metrics_routes"])),
             ("tracing", 3, bool(obs["tracing"])), ("correlation ids", 2, bool(obs["correlation_ids"]))]
    score = sum(points for _, points, present in parts if present)
    basis = " + ".join(f"{name} {points if present else 0}/{points}" for name, points, present in parts)
    return _row("Observability hooks", score, basis, **{name.replace(" ", "_"): present for name, _, present in parts})


def _state(rows: list[dict[str, Any]]) -> dict[str, Any]:
    stateless = sum(1 for r in rows if not r["stateful"])
    return _row("Statelessness (horizontal scaling)", _ratio(stateless, len(rows)),
                f"{stateless} of {len(rows)} components keep no in-process state mutated at run time "
                f"(10 x {stateless}/{len(rows)})", stateless=stateless, components=len(rows))


def _workers(rows: list[dict[str, Any]]) -> dict[str, Any]:
    coordinated = sum(1 for r in rows if r["coordination"] or not r["in_every_replica"])
    return _row("Background worker coordination", _ratio(coordinated, len(rows)),
                f"{coordinated} of {len(rows)} workers either hold a distributed lock or do not run in every "
                f"replica (10 x {coordinated}/{len(rows)})", coordinated=coordinated, workers=len(rows))
