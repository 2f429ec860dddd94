"""Health checks declared outside the routes: which path the deployment probes.

A Docker `HEALTHCHECK` (`curl -f http://localhost:8000/api/app/about`), a compose or
Kubernetes probe (`httpGet: path: /ready`), or a probe script in the tree
(`requests.get(f"http://127.0.0.1:{port}/api/app/about")`) makes that route the service's
health check, whatever its name.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model.app import EntryPoint, is_test_path

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_LOCAL_URL = re.compile(r"https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::[^/\s\"'`]*)?(/[\w\-./]*)")
_PROBE_PATH = re.compile(r"^\s*path:\s*[\"']?(/[\w\-./]*)")
_PROBE_BLOCK = re.compile(r"(liveness|readiness|startup)Probe\s*:|^\s*healthcheck\s*:")
_PROBE_SCRIPT = re.compile(r"(health|probe)[^/]*\.py$", re.I)
_LOCAL_HOST = re.compile(r"localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]")


def probe_requests(model: "ProjectModel", other_files: list[str]) -> list[tuple[str, str, int]]:
    """(path probed, file, line) for every local URL a Python file or deployment file requests,
    and every `path:` of a Kubernetes probe; memoised per run."""
    def build() -> list[tuple[str, str, int]]:
        found: list[tuple[str, str, int]] = []
        scripts = [f.path for f in model.modules.values() if _PROBE_SCRIPT.search(f.path) and not is_test_path(f.path)]
        for path in sorted(set(scripts + list(other_files))):
            found.extend(_in_file(model.lines(path), path))
        return found
    return model.memo("observability.probe_requests", build)


def _in_file(lines: list[str], path: str) -> list[tuple[str, str, int]]:
    """A probe script's local URLs; a deployment file's local URLs on its health-check lines
    (a service calling its own API elsewhere is no probe) and its Kubernetes probe paths."""
    found = []
    in_probe = False
    script = path.endswith(".py")
    yaml = path.endswith((".yaml", ".yml"))
    for number, text in enumerate(lines, 1):
        in_probe = in_probe or yaml and bool(_PROBE_BLOCK.search(text))
        if (script or in_probe or "health" in text.lower()) and _LOCAL_HOST.search(text):
            urls = [(m.group(1), path, number) for m in _LOCAL_URL.finditer(text)]
            found.extend(urls)
            in_probe = in_probe and not urls
        match = _PROBE_PATH.match(text) if in_probe else None
        if match:
            found.append((match.group(1), path, number))
            in_probe = False
    return found


def probed_routes(model: "ProjectModel", routes: list[EntryPoint],
                  other_files: list[str]) -> dict[str, tuple[str, int]]:
    """Route function -> (file, line) of the health check that requests it."""
    out: dict[str, tuple[str, int]] = {}
    for probed, path, line in probe_requests(model, other_files):
        wanted = probed.rstrip("/") or "/"
        for entry in routes:
            route = (entry.route or "").rstrip("/") or "/"
            if entry.function not in out and (route == wanted or len(route) > 1 and wanted.endswith(route)):
                out[entry.function] = (path, line)
    return out
