"""The project phase: project rules, metrics and the system description.

On a platform that can fork, these run side by side in a pool of forked workers: each worker
inherits the built model, and the analyses most rules share, copy-on-write (they are never
pickled) and sends back only findings, notes and figures. Work that shares a lazily built
analysis travels together (the clone index feeds the duplicate-code rule and the metrics; the
layer graph feeds the system description and the layering rules; a rule family's private
indexes feed its rules), so no analysis is built twice in parallel. Elsewhere, and for small
trees, everything runs in this process, in rule order, with the same result.
"""
from __future__ import annotations

import logging
import multiprocessing
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Callable

from .findings import Finding
from .metrics.compute import compute_metrics
from .system import describe_system

if TYPE_CHECKING:
    from .model.project import ProjectModel
    from .rules.api import ProjectContext, Rule
    from .worker import FileResult

logger = logging.getLogger("reassess")
Progress = Callable[[str, int, int], None]

# Rules that read an analysis another task builds; they join that task's bundle.
_WITH_METRICS = ("RA806",)  # the clone index
_WITH_SYSTEM = ("RA870", "RA871")  # the component graph of the layer metrics


@dataclass
class PhaseResult:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    examined: dict[str, int] = field(default_factory=dict)
    rule_seconds: dict[str, float] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    system: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Work:
    model: "ProjectModel"
    ctx: "ProjectContext"
    rules: dict[str, "Rule"]
    results: list["FileResult"]


_WORK: _Work | None = None  # set before the pool forks; read by the workers


def run_phase(model: "ProjectModel", ctx: "ProjectContext", rules: list["Rule"], results: list["FileResult"],
              jobs: int, progress: Progress) -> PhaseResult:
    """Run every bundle (in a forked pool when `jobs` > 1 and fork exists) and merge the
    outcomes in rule order, so the result does not depend on which worker ran what."""
    global _WORK
    _WORK = _Work(model, ctx, {rule.id: rule for rule in rules}, results)
    try:
        outcomes = None
        if _can_fork(jobs):
            _warm(ctx)
            outcomes = _in_pool(_bundles(rules, True), jobs, progress)
        if outcomes is None:
            outcomes = _in_process(_bundles(rules, False), progress)
    finally:
        _WORK = None
    return _merge([rule.id for rule in rules], outcomes)


def _bundles(rules: list["Rule"], by_family: bool) -> list[tuple[str, ...]]:
    """The metrics and system bundles first (the longest), then one bundle per other rule, or
    with `by_family` one per rule family, the largest first: a family's rules share private
    analyses (the database access summary, the entry index, the lock graph), which one worker
    then builds once instead of every worker building its own."""
    present = {rule.id for rule in rules}
    metrics = ("metrics",) + tuple(r for r in _WITH_METRICS if r in present)
    system = ("system",) + tuple(r for r in _WITH_SYSTEM if r in present)
    bundled = set(metrics + system)
    groups: dict[str, list[str]] = {}
    for rule in rules:
        if rule.id not in bundled:
            family = type(rule).__module__.rpartition(".")[0]
            groups.setdefault(family if by_family else rule.id, []).append(rule.id)
    return [metrics, system] + sorted((tuple(ids) for ids in groups.values()), key=len, reverse=True)


def _can_fork(jobs: int) -> bool:
    return jobs > 1 and "fork" in multiprocessing.get_all_start_methods()


def _warm(ctx: "ProjectContext") -> None:
    """Build, before the pool forks, the model's analyses that rules in several bundles read
    (the application model, the resilience and data analyses, module state, workers...): the
    workers inherit them instead of each building its own copy (a quarter of the pool's CPU on
    a large tree). Each is a pure function of the model: the findings stay the same. One that
    fails is left to the rules that read it: they fail on their own, named in the notes, instead of
    the whole run stopping with no report."""
    from .model.data import of_context
    from .model.resilience import analysis
    from .model.resilience.components import singletons
    from .model.resilience.state import module_state, signal_handlers
    from .model.resilience.tasks import workers
    from .model.resilience.triggers import injected_calls

    model = ctx.model
    shared = (analysis, module_state, injected_calls, workers, singletons, signal_handlers)
    for build in (lambda: model.app.entry_functions(), *(partial(b, model) for b in shared), partial(of_context, ctx)):
        try:
            build()
        except Exception:  # noqa: BLE001 - the rules that read it fail again on their own, named in the notes
            logger.debug("a shared analysis failed before the fork; its rules will report it", exc_info=True)


def _in_process(bundles: list[tuple[str, ...]], progress: Progress) -> list[dict[str, Any]]:
    outcomes = []
    for index, bundle in enumerate(bundles, 1):
        progress("rules", index, len(bundles))
        outcomes.append(_run_bundle(bundle))
    return outcomes


def _in_pool(bundles: list[tuple[str, ...]], jobs: int, progress: Progress) -> list[dict[str, Any]] | None:
    """The outcomes of every bundle, or None when the pool broke (the caller then redoes all
    of them in this process)."""
    outcomes: list[dict[str, Any]] = []
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = {pool.submit(_run_bundle, bundle) for bundle in bundles}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                outcomes.extend(future.result() for future in done)
                progress("rules", len(outcomes), len(bundles))
    except (BrokenProcessPool, OSError) as exc:
        logger.debug("project pool failed (%s); running in process", exc)
        return None
    return outcomes


def _run_bundle(bundle: tuple[str, ...]) -> dict[str, Any]:
    work = _WORK
    assert work is not None, "run_phase sets the work before any bundle runs"
    outcome: dict[str, Any] = {"findings": {}, "notes": [], "seconds": {}}
    for name in bundle:
        if name == "metrics":
            outcome["metrics"] = compute_metrics(work.model, work.results, work.ctx.config)
        elif name == "system":
            outcome["system"] = describe_system(work.model, work.ctx)
        else:
            started = time.perf_counter()
            outcome["findings"][name] = run_rule(work.rules[name], work.ctx, outcome["notes"])
            outcome["seconds"][name] = round(time.perf_counter() - started, 3)
    outcome["examined"] = dict(work.ctx.examined)
    return outcome


def run_rule(rule: "Rule", ctx: "ProjectContext", notes: list[str]) -> list[Finding]:
    """A rule's findings; a rule that fails leaves a note instead of stopping the run."""
    try:
        return list(rule.check(ctx))
    except RecursionError:
        notes.append(f"rule {rule.id} skipped: the code is nested too deeply")
    except Exception as exc:  # a rule bug must not stop the run; it is reported as a note
        notes.append(f"rule {rule.id} failed ({type(exc).__name__}: {exc}); its findings are missing")
        logger.debug("rule %s failed", rule.id, exc_info=True)
    return []


def _merge(rule_ids: list[str], outcomes: list[dict[str, Any]]) -> PhaseResult:
    merged = PhaseResult()
    by_rule: dict[str, list[Finding]] = {}
    for outcome in outcomes:
        by_rule.update(outcome["findings"])
        merged.notes.extend(outcome["notes"])
        merged.rule_seconds.update(outcome["seconds"])
        merged.metrics = outcome.get("metrics", merged.metrics)
        merged.system = outcome.get("system", merged.system)
        for what, count in outcome["examined"].items():  # "the largest count per key wins"
            merged.examined[what] = max(merged.examined.get(what, 0), count)
    for rule_id in rule_ids:
        merged.findings.extend(by_rule.get(rule_id, []))
    merged.notes.sort()
    return merged
