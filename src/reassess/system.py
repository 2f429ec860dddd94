"""The runtime architecture derived from the model: components, flows and inventories."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model.project import ProjectModel
    from .rules.api import ProjectContext


def describe_system(model: "ProjectModel", ctx: "ProjectContext") -> dict[str, Any]:
    """Return {"components": [...], "examined": {...}, ...}: plain data for the reports."""
    return {"components": [], "examined": {"modules": len(model.modules), "functions": len(model.functions)}}
