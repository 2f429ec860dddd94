"""Turns a repository's pipeline YAML into an ordered list of job specs."""
from __future__ import annotations

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import yaml

DEFAULT_STAGES = ("build", "test", "deploy")
MAX_MATRIX_JOBS = 64


class PipelineError(ValueError):
    pass


@dataclass(frozen=True)
class JobSpec:
    name: str
    stage: str
    image: str
    script: tuple[str, ...]
    labels: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    cache_key: str | None = None
    artifacts: tuple[str, ...] = ()


@dataclass
class Pipeline:
    name: str
    stages: tuple[str, ...]
    jobs: list[JobSpec] = field(default_factory=list)
    branches: tuple[str, ...] = ()

    def ordered(self) -> list[JobSpec]:
        return _topological(self.jobs)


def _expand_matrix(name: str, body: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    matrix = body.get("matrix") or {}
    if not matrix:
        return [(name, {})]
    axes = sorted(matrix)
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, dict[str, str]]] = []
    for combo in itertools.product(*(matrix[a] for a in axes)):
        values = tuple(str(v) for v in combo)
        if values in seen:
            continue
        seen.add(values)
        out.append((f"{name} ({', '.join(values)})", dict(zip(axes, values))))
        if len(out) > MAX_MATRIX_JOBS:
            raise PipelineError(f"matrix for {name} expands to more than {MAX_MATRIX_JOBS} jobs")
    return out


def _topological(jobs: list[JobSpec]) -> list[JobSpec]:
    by_name = {j.name: j for j in jobs}
    indegree = {j.name: 0 for j in jobs}
    dependents: dict[str, list[str]] = {j.name: [] for j in jobs}
    for job in jobs:
        for dep in job.needs:
            try:
                dependents[dep].append(job.name)
            except KeyError:
                raise PipelineError(f"job {job.name!r} needs unknown job {dep!r}")
            indegree[job.name] += 1
    ready = deque(name for name, deg in indegree.items() if deg == 0)
    ordered: list[JobSpec] = []
    while ready:
        name = ready.popleft()
        ordered.append(by_name[name])
        for nxt in dependents[name]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    if len(ordered) != len(jobs):
        raise PipelineError("pipeline has a dependency cycle")
    return ordered


def build_pipeline(doc: Any, name: str = "default") -> Pipeline:
    if not isinstance(doc, dict):
        raise PipelineError("pipeline document must be a mapping")
    stages = tuple(doc.get("stages") or DEFAULT_STAGES)
    defaults = doc.get("defaults", {})
    jobs: list[JobSpec] = []
    for job_name, body in (doc.get("jobs") or {}).items():
        stage = body.get("stage", stages[0])
        if stage not in stages:
            raise PipelineError(f"job {job_name!r} uses undeclared stage {stage!r}")
        for expanded_name, env in _expand_matrix(job_name, body):
            merged_env = {**defaults.get("env", {}), **body.get("env", {}), **env}
            jobs.append(
                JobSpec(
                    name=expanded_name,
                    stage=stage,
                    image=body.get("image") or defaults.get("image", "ubuntu:24.04"),
                    script=tuple(body.get("script", ())),
                    labels=tuple(body.get("runs-on", defaults.get("runs-on", ["linux"]))),
                    needs=tuple(body.get("needs", ())),
                    env=tuple(sorted((k, str(v)) for k, v in merged_env.items())),
                    cache_key=body.get("cache", {}).get("key"),
                    artifacts=tuple(body.get("artifacts", ())),
                )
            )
    branches = tuple((doc.get("on") or {}).get("branches", ()))
    return Pipeline(name=doc.get("name", name), stages=stages, jobs=jobs, branches=branches)


def parse_document(text: str) -> Pipeline:
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PipelineError(f"invalid YAML: {exc}") from exc
    return build_pipeline(doc)


class PipelineParser:
    """Parses pipeline files, remembering results per commit so re-runs skip the work."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[int, str, str], Pipeline] = {}

    async def parse(self, repo_id: int, sha: str, path: str, text: str) -> Pipeline:
        key = (repo_id, sha, path)
        cached = self._parsed.get(key)
        if cached is not None:
            return cached
        pipeline = await asyncio.to_thread(parse_document, text)
        self._parsed[key] = pipeline
        return pipeline
