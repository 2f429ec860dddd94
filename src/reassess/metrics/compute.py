"""All code-review metrics, computed from the model and the per-file results."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..config import Config
    from ..model.project import ProjectModel
    from ..worker import FileResult


def compute_metrics(model: "ProjectModel", results: list["FileResult"], config: "Config") -> dict[str, Any]:
    """Return {"files": {...}, ...}; see metrics/README in the code review section builders."""
    per_file = {}
    for result in results:
        if result.facts is None:
            continue
        m = result.facts.metrics
        per_file[result.path] = {"lines": m.lines, "code": m.code, "comment": m.comment, "blank": m.blank}
    totals = {key: sum(v[key] for v in per_file.values()) for key in ("lines", "code", "comment", "blank")}
    return {"files": {"count": len(per_file), **totals, "per_file": per_file}}
