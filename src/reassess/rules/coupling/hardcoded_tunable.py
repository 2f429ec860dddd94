"""RA875 magic-number: timeouts, intervals, sizes and limits written as bare numbers in calls."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from ...findings import Finding, Location
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import CallSite, ModuleFacts
    from ...model.project import Edge, ProjectModel

# Keyword arguments that hold a tunable: how long to wait, how often, how many, how big.
TUNABLE = re.compile(r"(^|_)(timeout|interval|delay|ttl|expire|expires|expiry|max_age|period|retries|attempts|"
                     r"backoff|backoff_factor|limit|size|maxsize|max_overflow|recycle|concurrency|connections|"
                     r"lifetime|threshold|ex|px|batch|chunk|capacity)$")
# Calls whose positional argument at this index is a duration.
POSITIONAL = {"asyncio.sleep": 0, "time.sleep": 0, "anyio.sleep": 0, "trio.sleep": 0, "asyncio.wait_for": 1}
OBVIOUS = frozenset({0, 1, 2, -1})
SETTINGS_STEMS = ("config", "settings", "constants", "conf", "defaults")
MAX_RELATED = 40
MAX_MODULE_FINDINGS = 10  # more modules than this: one finding for all of them


@dataclass(frozen=True)
class Literal:
    line: int
    value: float | int
    where: str  # "timeout=10 in client.get" / "asyncio.sleep(30)"
    name: str  # a constant name to suggest, e.g. "POLL_INTERVAL_SECONDS"


@register
class HardcodedTunable(Rule):
    """Timeouts, intervals, TTLs, sizes and limits passed to calls as bare numbers.

    What it finds:
        Numeric literals passed to a keyword argument that holds a tunable (`timeout=`,
        `interval=`, `ttl=`, `ex=`, `max_size=`, `limit=`, `retries=`, `batch_size=`, ...)
        and the durations given to `asyncio.sleep` / `time.sleep` / `asyncio.wait_for`,
        in function bodies of the served code. Left alone: 0, 1, 2 and -1; module-level
        calls and decorators (`@lru_cache(maxsize=1000)`, `app.add_middleware(...)`: set
        once at import, next to a name); declarative constraints
        (`Query(50, le=200)`, `Field(max_length=...)`, `String(255)`: their argument names
        say what they are); tests; and settings, config and constants modules, where such
        numbers belong. One finding per module (one for the project when more than ten
        modules have some); a value repeated is pointed out, since it must then be
        changed in several places at once.

    Why it matters:
        The number carries a decision (how long a request may take, how often a worker
        polls, how many rows a page returns) that operations need to tune per environment
        and reviewers need to see in one place; scattered literals drift apart (one call
        times out after 5 s, its twin after 30 s) and changing them means a code release.

    Example:
        await asyncio.sleep(15)
        rows = await self.dm.list_expired_orders(limit=500)

    Instead:
        class Settings(BaseSettings):
            cleanup_interval_seconds: float = 15.0
            cleanup_batch_size: int = 500

        await asyncio.sleep(settings.cleanup_interval_seconds)
        rows = await self.dm.list_expired_orders(limit=settings.cleanup_batch_size)
    """

    id = "RA875"
    name = "magic-number"
    category = "magic-number"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.15

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        settings = _settings_class(model)
        checked = 0
        per_module = []
        for facts in reviewed_modules(model):
            stem = facts.path.rsplit("/", 1)[-1][:-3].lower()
            if stem.startswith(SETTINGS_STEMS) or stem.endswith(SETTINGS_STEMS):
                continue
            found: list[Literal] = []
            for qualname, func in facts.functions.items():
                decorators = {d.line for d in func.decorators}
                for edge in model.edges.get(f"{facts.module}.{qualname}", []):
                    checked += 1
                    if edge.site.line not in decorators:
                        found += _literals(edge, func.name, model.lines(facts.path))
            if found:
                per_module.append((facts, sorted(set(found), key=lambda lit: (lit.line, lit.where))))
        ctx.examine("call sites checked for hard-coded tunables", checked)
        if len(per_module) > MAX_MODULE_FINDINGS:
            yield self._project(per_module, settings)
            return
        for facts, found in per_module:
            yield self._finding(facts, found, settings)

    def _project(self, per_module: list, settings: str) -> Finding:
        ranked = sorted(per_module, key=lambda item: (-len(item[1]), item[0].path))
        total = sum(len(found) for _, found in per_module)
        facts, found = ranked[0]
        shown = ", ".join(f"`{f.path}` ({len(items)})" for f, items in ranked[:6])
        values: dict[str, int] = {}
        for _, items in per_module:
            for lit in items:
                key = lit.where.split(" in ")[0]
                values[key] = values.get(key, 0) + 1
        common = [f"`{k}` {n} times" for k, n in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:5] if n > 1]
        return self.finding(
            Location(facts.path, found[0].line, found[0].line),
            f"{total} hard-coded timeouts, intervals and limits in {len(per_module)} modules",
            f"Function code passes {total} tunables as bare numbers, in {len(per_module)} modules. Most: {shown}."
            + (f" Most repeated: {', '.join(common)}." if common else ""),
            recommendation=_recommendation(found, settings),
            related=[Location(f.path, items[0].line, items[0].line, f"{plural(len(items), 'tunable')}, first "
                              f"`{items[0].where}`") for f, items in ranked[1:MAX_RELATED]],
            effort=min(self.max_effort, 1.0 + 0.15 * total),
        )

    def _finding(self, facts: "ModuleFacts", found: list[Literal], settings: str) -> Finding:
        first = found[0]
        listed = "; ".join(f"`{lit.where}` (line {lit.line})" for lit in found[:10])
        more = f"; and {len(found) - 10} more" if len(found) > 10 else ""
        counts: dict[str, int] = {}
        for lit in found:
            key = lit.where.split(" in ")[0]
            counts[key] = counts.get(key, 0) + 1
        repeated = [f"`{k}` {n} times" for k, n in sorted(counts.items()) if n > 1]
        description = f"`{facts.path}` hard-codes {plural(len(found), 'tunable')}: {listed}{more}."
        if repeated:
            description += f" Repeated: {', '.join(repeated)}, to be kept in step by hand."
        what = plural(len(found), "hard-coded timeout, interval or limit", "hard-coded timeouts, intervals or limits")
        return self.finding(
            Location(facts.path, first.line, first.line), f"`{facts.path}`: {what}",
            description, recommendation=_recommendation(found, settings),
            related=[Location(facts.path, lit.line, lit.line, f"`{lit.where}`") for lit in found[1:MAX_RELATED]],
        )


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value not in OBVIOUS


def _literals(edge: "Edge", owner: str, lines: list[str]) -> list[Literal]:
    site: "CallSite" = edge.site
    callee = site.name
    out = []
    for key, value in site.kwargs.items():
        if _number(value) and TUNABLE.search(key):
            base = callee.rsplit(".", 1)[-1] if site.func and site.func[0] != "()" else ""
            name = f"{base}_{key}".strip("_").upper()
            out.append(Literal(_keyword_line(site, key, lines), value, f"{key}={value!r} in {callee}()", name))
    index = POSITIONAL.get(edge.target.name) if edge.target.kind == "external" else None
    if index is not None and len(site.args) > index and _number(site.args[index]):
        value = site.args[index]
        what = "INTERVAL_SECONDS" if edge.target.name.endswith("sleep") else "TIMEOUT_SECONDS"
        name = f"{owner.strip('_') or 'DEFAULT'}_{what}".upper()
        out.append(Literal(site.line, value, f"{edge.target.name}(... {value!r} ...)" if index else
                           f"{edge.target.name}({value!r})", name))
    return out


def _keyword_line(site: "CallSite", key: str, lines: list[str]) -> int:
    """The line of a call spanning several lines that holds `key=`: the finding quotes the value
    itself (`max_age=300,`), not the call's first line (`response.set_cookie(`)."""
    written = re.compile(rf"(?<![\w.]){re.escape(key)}\s*=(?!=)")
    for line in range(site.line, min(site.end_line, len(lines)) + 1):
        if written.search(lines[line - 1]):
            return line
    return site.line


def _settings_class(model: "ProjectModel") -> str:
    """`Settings (app/config.py)` when the project has a pydantic settings class, else ""."""
    for fq in sorted(model.classes):
        facts, cls = model.classes[fq]
        if any(b.rsplit(".", 1)[-1] == "BaseSettings" for b in cls.bases):
            return f"{cls.name}|{facts.path}"
    return ""


def _recommendation(found: list[Literal], settings: str) -> str:
    first = found[0]
    field = first.name.lower()
    value = first.value
    if settings:
        cls, path = settings.split("|")
        code = (f"# {path}\nclass {cls}(BaseSettings):\n    {field}: {type(value).__name__} = {value!r}\n\n"
                f"# at the call: settings.{field} instead of {value!r}")
        where = f"fields of `{cls}` in `{path}`, so each environment can tune them"
    else:
        code = (f"{first.name} = {value!r}  # at the top of the module, or in the settings\n\n"
                f"# at the call: {first.name}")
        where = "named constants (or settings fields, where environments differ)"
    return (f"Move the numbers into {where}; behaviour stays the same while the values do:\n\n"
            f"```python\n{code}\n```")
