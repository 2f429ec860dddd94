"""The run: discover, read once, analyse files (pool + cache), build the model, run rules, finish findings."""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

from .cache import Cache
from .config import Config
from .discovery import discover, shadowed_modules, source_names
from .findings import Finding, Location
from .finish import finish_findings
from .gitinfo import head_commit
from .metrics import pep8
from .metrics.coverage import SOURCES as COVERAGE_SOURCES
from .metrics.testsuite import tests_outside
from .model.project import ProjectModel
from .newsyntax import rewritten_note
from .sibling_migrations import find_outside_migrations, outside_facts
from .project_phase import PhaseResult, run_phase
from .result import Result, Target
from .rules.api import ProjectContext, rule_classes
from .rules.meta.shadowed_module import ShadowedModule
from .worker import FileResult, FileTask, analyse, analyse_batch, init_worker, parse_error

Progress = Callable[[str, int, int], None]
_POOL_MIN_BYTES = 1_500_000  # below this a process pool costs more than it saves
_HASHED_BYTES = 5_000_000  # other files above this are known by size and time, not content


def _noop(stage: str, done: int, total: int) -> None:
    return None


def run(config: Config, progress: Progress = _noop) -> Result:
    """One whole run. The cyclic garbage collector is paused meanwhile: syntax trees and facts
    hold no cycles worth collecting, and its passes over millions of young objects cost more
    than the parse itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(config, progress)
    finally:
        if enabled:
            gc.enable()


def _run(config: Config, progress: Progress) -> Result:
    clock = {"started": time.perf_counter()}
    found = discover(config)
    everything, early = _read_files(config, found.files)
    sources, shadowed = _without_shadowed(config, everything)
    early += shadowed
    cache = Cache(Path(config.cache_dir) if config.cache_dir else None, config.digest(), config.use_cache)
    names = source_names(config.root, sources)
    keys = _file_keys(cache, sources, names)
    dead_keys = [cache.key(f"{f.location.path}\0shadowed", everything[f.location.path]) for f in shadowed]
    beside = find_outside_migrations(config.root)
    run_key = cache.run_key(list(keys.values()) + dead_keys + beside.keys(cache),
                            _other_inputs(config, found.other_files, found.skipped, early) + pep8.identity())
    again = cache.get_run(config.root, run_key)
    if again is not None:
        return _served_again(again, config, clock["started"], len(sources))
    ruff = pep8.start_for(config, sources)  # runs beside the file analysis, collected below
    results = _analyse_files(config, sources, cache, progress, keys, names)
    clock["files"] = time.perf_counter()
    model = ProjectModel([r.facts for r in results if r.facts is not None], sources, config.root,
                         outside_migrations=outside_facts(beside, cache))
    clock["model"] = time.perf_counter()
    style = ruff.collect() if ruff is not None else {}
    findings: list[Finding] = list(early)
    notes = [f"{path}: skipped ({why})" for path, why in found.skipped] + [n for n in [beside.note()] if n]
    for result in results:
        findings.extend(result.findings)
        notes.extend(result.notes)
    rewritten = {result.path: result.newer_lines for result in results if result.newer_lines}
    if rewritten:
        notes.append(rewritten_note(rewritten, ".".join(map(str, sys.version_info[:2]))))
    ctx = ProjectContext(model, config, extra={"other_files": found.other_files, "root": config.root, "pep8": style})
    project_rules = [cls(config) for cls in rule_classes("project") if config.rule_enabled(cls.id, cls.category)]
    phase = run_phase(model, ctx, project_rules, results, _phase_jobs(config, sources), progress)
    clock["project"] = time.perf_counter()
    if style:
        phase.metrics["pep8"] = style
    findings = [f for f in findings + phase.findings if config.rule_enabled(f.rule, f.category)]
    result = _result(config, finish_findings(findings, model, everything), notes + phase.notes, phase,
                     len(sources))
    result.run_info = _run_info(clock, phase, cache, model)
    cache.put_run(config.root, run_key, result)
    return result


def _result(config: Config, findings: list[Finding], notes: list[str], phase: PhaseResult, files: int) -> Result:
    metrics, system = phase.metrics, phase.system
    total_lines = sum(m.get("lines", 0) for m in metrics.get("files", {}).get("per_file", {}).values())
    return Result(
        target=Target(root=config.root.name or str(config.root), commit=head_commit(config.root),
                      files=files, lines=total_lines),
        findings=findings, metrics=metrics,
        components=system.pop("components", []), system=system,
        examined=dict(sorted({**system.get("examined", {}), **phase.examined}.items())),
        rules_run=sorted(cls.id for cls in rule_classes() if config.rule_enabled(cls.id, cls.category)),
        notes=sorted(notes),
    )


def _run_info(clock: dict[str, float], phase: PhaseResult, cache: Cache, model: ProjectModel) -> dict:
    """Timings per stage and cache figures: shown with --verbose, never in findings.json."""
    now = time.perf_counter()
    return {
        "seconds_total": round(now - clock["started"], 3),
        "seconds_files": round(clock["files"] - clock["started"], 3),
        "seconds_model": round(clock["model"] - clock["files"], 3),
        "seconds_project": round(clock["project"] - clock["model"], 3),
        "seconds_finish": round(now - clock["project"], 3),
        "rule_seconds": dict(sorted(phase.rule_seconds.items(), key=lambda kv: -kv[1])[:10]),
        "cache_hits": cache.hits, "cache_misses": cache.misses, "model": model.stats(),
    }


def _served_again(result: Result, config: Config, started: float, files: int) -> Result:
    """The last result of this tree, whose inputs are all unchanged; only the commit is
    read anew (a new commit can hold the same files)."""
    result.target.commit = head_commit(config.root)
    result.run_info = {"seconds_total": round(time.perf_counter() - started, 3), "cache_hits": files,
                       "cache_misses": 0, "whole_run_cached": True}
    return result


def _other_inputs(config: Config, other_files: list[str], skipped: list[tuple[str, str]],
                  early: list[Finding]) -> bytes:
    """Everything besides the Python files that the result depends on: the other files the
    rules may read (SQL, docs, settings; by content, or by size and time when huge), the
    coverage data at the root (by size and time), what discovery skipped and what could not
    be read."""
    parts: list[bytes] = []
    settings = sorted({name for name, _, _ in pep8.LENGTH_SETTINGS} - set(other_files))  # `.flake8` has no suffix
    for rel in other_files + settings + [name for name in COVERAGE_SOURCES]:
        try:
            stat = (config.root / rel).stat()
        except OSError:
            continue
        parts.append(f"{rel}\0{stat.st_size}\0".encode("utf-8", "surrogatepass"))
        if rel in COVERAGE_SOURCES or stat.st_size > _HASHED_BYTES:
            parts.append(str(stat.st_mtime_ns).encode())
            continue
        try:
            parts.append(hashlib.sha1((config.root / rel).read_bytes()).digest())
        except OSError:
            continue
    parts += [f"{rel}\0{why}".encode("utf-8", "surrogatepass") for rel, why in skipped]
    parts += [f"{f.location.path}\0{f.title}".encode("utf-8", "surrogatepass") for f in early]
    parts.append(f"tests beside\0{tests_outside(config.root)}".encode("utf-8", "surrogatepass"))
    return b"\n".join(parts)


def _file_keys(cache: Cache, sources: dict[str, bytes], names: dict[str, tuple[str, bool]]) -> dict[str, str]:
    """Each file's cache key; a file's module name depends on its neighbours, so it is part
    of the key."""
    return {rel: cache.key(f"{rel}\0{names[rel][0]}", data) for rel, data in sources.items()}


def _phase_jobs(config: Config, sources: dict[str, bytes]) -> int:
    """Workers for the project phase: one per core on trees big enough to repay a fork."""
    if sum(len(data) for data in sources.values()) < _POOL_MIN_BYTES:
        return 1
    return config.jobs or os.cpu_count() or 1


def _read_files(config: Config, files: list[str]) -> tuple[dict[str, bytes], list[Finding]]:
    """Read every file once; unreadable and oversized files become parse-error findings."""
    sources: dict[str, bytes] = {}
    problems: list[Finding] = []
    for rel in files:
        full = config.root / rel
        try:
            size = full.stat().st_size
            if config.max_file_bytes and size > config.max_file_bytes:
                with open(full, "rb") as handle:
                    head = handle.read(4096)
                sources[rel] = head.split(b"\n", 1)[0] + b"\n"
                problems.append(parse_error(rel, 1, f"skipped: {size / 1e6:.1f} MB is over the "
                                                   f"{config.max_file_bytes / 1e6:.1f} MB limit (max_file_bytes)",
                                            [head.decode("latin-1").split("\n", 1)[0]]))
                continue
            sources[rel] = full.read_bytes()
        except OSError as exc:
            problems.append(Finding(rule="RA001", category="parse-error", severity="MEDIUM",
                                    title=f"{rel} could not be read", location=Location(rel, 1, 1),
                                    description=f"`{rel}` could not be read: {exc.strerror or exc}."))
    return sources, problems


def _without_shadowed(config: Config, sources: dict[str, bytes]) -> tuple[dict[str, bytes], list[Finding]]:
    """The files an import can reach, and a finding for each one a same-named package hides:
    its code never runs, so analysing it would report defects the service cannot have."""
    dead = shadowed_modules(sources)
    if not dead:
        return sources, []
    rule = ShadowedModule(config)
    return ({rel: data for rel, data in sources.items() if rel not in dead},
            [rule.shadowed(rel, sources[rel]) for rel in dead])


def _analyse_files(config: Config, sources: dict[str, bytes], cache: Cache, progress: Progress,
                   keys: dict[str, str] | None = None,
                   names: dict[str, tuple[str, bool]] | None = None) -> list[FileResult]:
    names = names or source_names(config.root, sources)
    keys = keys or _file_keys(cache, sources, names)
    results: dict[str, FileResult] = {}
    pending: list[tuple[str, FileTask]] = []
    for rel, data in sources.items():
        module, is_package = names[rel]
        key = keys[rel]
        cached = cache.get(key)
        if cached is not None:
            results[rel] = cached
            continue
        pending.append((key, FileTask(rel, module, is_package, data)))
    progress("files", len(results), len(sources))
    init_worker(config)
    for key, (result, pickled) in zip((k for k, _ in pending), _run_tasks(config, [t for _, t in pending], progress,
                                                                          len(results), len(sources))):
        results[result.path] = result
        cache.put(key, result, pickled)
    return [results[rel] for rel in sorted(results)]


def _run_tasks(config: Config, tasks: list[FileTask], progress: Progress, done: int,
               total: int) -> list[tuple[FileResult, bytes | None]]:
    """Each task's result, with its pickle when a worker made one (the cache stores it as is)."""
    jobs = config.jobs or os.cpu_count() or 1
    size = sum(len(t.data) for t in tasks)
    if jobs <= 1 or size < _POOL_MIN_BYTES or len(tasks) < 8:
        out: list[tuple[FileResult, bytes | None]] = []
        for task in tasks:
            out.append((analyse(task), None))
            done += 1
            progress("files", done, total)
        return out
    batches = _batches(tasks, jobs)
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(config,)) as pool:
            out = []
            for batch in pool.map(analyse_batch, batches):
                out.extend((pickle.loads(pickled), pickled) for pickled in batch)
                done += len(batch)
                progress("files", done, total)
            return out
    except (BrokenProcessPool, OSError):
        return [(analyse(task), None) for task in tasks]  # a worker died (e.g. stack overflow): redo here


def _batches(tasks: list[FileTask], jobs: int) -> list[list[FileTask]]:
    """About 8 batches per worker, balanced by size, in a deterministic order."""
    count = max(1, min(len(tasks), jobs * 8))
    ordered = sorted(tasks, key=lambda t: -len(t.data))
    batches: list[list[FileTask]] = [[] for _ in range(count)]
    loads = [0] * count
    for task in ordered:
        index = loads.index(min(loads))
        batches[index].append(task)
        loads[index] += len(task.data)
    return [b for b in batches if b]
