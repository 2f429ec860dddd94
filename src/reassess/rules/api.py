"""The rule API: metadata, documentation from the docstring, and `check`.

A rule is one class in one file, registered by `@register`. File rules run in the
worker that parsed the file and see its tree; project rules run once over the model.
Rules give locations only: the pipeline quotes the evidence from the file itself.
"""
from __future__ import annotations

import ast
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator

from ..categories import CATEGORIES, report_of
from ..facts.types import ModuleFacts
from ..findings import SEVERITY_RANK, Finding, Location

if TYPE_CHECKING:
    from ..config import Config
    from ..model.project import ProjectModel

REGISTRY: dict[str, type["Rule"]] = {}
DOC_SECTIONS = ("What it finds", "Why it matters", "Example", "Instead")


def register(cls: type["Rule"]) -> type["Rule"]:
    """Class decorator: validate the metadata and add the rule to the registry."""
    if cls.category not in CATEGORIES:
        raise ValueError(f"{cls.__name__}: unknown category {cls.category!r}")
    if cls.severity not in SEVERITY_RANK:
        raise ValueError(f"{cls.__name__}: unknown severity {cls.severity!r}")
    if cls.id in REGISTRY and REGISTRY[cls.id] is not cls:
        raise ValueError(f"duplicate rule id {cls.id}")
    REGISTRY[cls.id] = cls
    return cls


def parse_doc(doc: str) -> dict[str, str]:
    """Split a rule docstring into its sections (summary first, then the named ones)."""
    text = inspect.cleandoc(doc or "")
    parts: dict[str, str] = {}
    current = "summary"
    buffer: list[str] = []
    for line in text.splitlines():
        heading = line.strip().rstrip(":")
        if heading in DOC_SECTIONS:
            parts[current] = textwrap.dedent("\n".join(buffer)).strip()
            current, buffer = heading, []
        else:
            buffer.append(line)
    parts[current] = textwrap.dedent("\n".join(buffer)).strip()
    return parts


# `finding()` reads the docs for every finding: parse each docstring once.
_cached_doc = lru_cache(maxsize=None)(parse_doc)


class Rule:
    """Base of all rules. Subclasses set the metadata and implement `check`."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    severity: ClassVar[str] = "MEDIUM"
    scope: ClassVar[str] = "project"  # "file" or "project"
    base_effort: ClassVar[float] = 1.0  # hours for the first location
    effort_per_location: ClassVar[float] = 0.25  # hours for each related location
    effort_per_line: ClassVar[float] = 0.0  # hours per line of the cited code (refactors)
    max_effort: ClassVar[float] = 40.0

    def __init__(self, config: "Config") -> None:
        self.config = config
        self.options: dict[str, Any] = config.rule_options(self.id)

    @classmethod
    def docs(cls) -> dict[str, str]:
        return dict(_cached_doc(cls.__doc__ or ""))

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph, on one line."""
        first = cls.docs().get("summary", "").split("\n\n")[0]
        return " ".join(first.split())

    @classmethod
    def report(cls) -> str:
        return report_of(cls.category)

    def option(self, key: str, default: Any) -> Any:
        """A threshold from `[tool.reassess.rules.ID]` or `[tool.reassess.thresholds]`."""
        if key in self.options:
            return self.options[key]
        return self.config.thresholds.get(key, default)

    def effort(self, location: Location, related: int) -> float:
        lines = max(1, location.end_line - location.start_line + 1)
        hours = self.base_effort + self.effort_per_location * related + self.effort_per_line * lines
        return min(self.max_effort, round(hours * 2) / 2 or 0.5)

    def finding(
        self,
        location: Location,
        title: str,
        description: str,
        *,
        recommendation: str = "",
        impact: str = "",
        severity: str | None = None,
        related: Iterable[Location] = (),
        effort: float | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding with this rule's metadata; impact and recommendation default to the docs."""
        docs = self.docs()
        related_list = distinct(location, related)
        return Finding(
            rule=self.id, category=self.category, severity=severity or self.severity, title=title,
            location=location, description=description,
            impact=impact or docs.get("Why it matters", ""),
            recommendation=recommendation or _default_recommendation(docs),
            report=self.report(), related_locations=related_list,
            effort_hours=effort if effort is not None else self.effort(location, len(related_list)),
            extra=extra or {},
        )

    def check(self, ctx: Any) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


def distinct(location: Location, related: Iterable[Location]) -> list[Location]:
    """Related locations without the cited line and without a line named twice (the first
    note wins): a reader follows each line once."""
    seen = {(location.path, location.start_line)}
    out = []
    for loc in related:
        if (loc.path, loc.start_line) not in seen:
            seen.add((loc.path, loc.start_line))
            out.append(loc)
    return out


def _default_recommendation(docs: dict[str, str]) -> str:
    instead = docs.get("Instead", "")
    return instead


@dataclass
class FileContext:
    """What a file rule sees: the parsed tree, the source lines and the file's facts."""

    path: str
    tree: ast.Module
    lines: list[str]
    facts: ModuleFacts
    config: "Config"

    def loc(self, node: ast.AST, end_node: ast.AST | None = None, note: str = "") -> Location:
        start = getattr(node, "lineno", 1)
        end = getattr(end_node or node, "end_lineno", None) or start
        return Location(self.path, start, end, note)

    def line_loc(self, start: int, end: int | None = None, note: str = "") -> Location:
        return Location(self.path, start, end or start, note)


@dataclass
class ProjectContext:
    """What a project rule sees: the whole model and the configuration."""

    model: "ProjectModel"
    config: "Config"
    extra: dict[str, Any] = field(default_factory=dict)
    examined: dict[str, int] = field(default_factory=dict)

    def lines(self, path: str) -> list[str]:
        return self.model.lines(path)

    def examine(self, what: str, count: int) -> None:
        """Record how many things a rule looked at ("coroutines", "locks", ...), so that the
        reports can say what a clean result covered. The largest count per key wins."""
        self.examined[what] = max(self.examined.get(what, 0), count)


_ID = re.compile(r"^RA\d{3}$")


def rule_classes(scope: str | None = None) -> list[type[Rule]]:
    from . import load_all

    load_all()
    return [cls for _, cls in sorted(REGISTRY.items()) if scope is None or cls.scope == scope]


def valid_id(rule_id: str) -> bool:
    return bool(_ID.match(rule_id))
