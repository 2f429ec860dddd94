"""RA233 unbounded-cache: a "seen" set on a long-lived object that is added to and never pruned."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.lifetime import instance_lifetime
from ...model.resilience.blocks import ifs
from ..api import ProjectContext, Rule, register
from ._common import is_test_path, short

# a set kept to remember what was already handled (dedupe, idempotency) or as a cache
_SEEN_NAME = re.compile(r"seen|processed|handled|dedup|visited|cache|memo", re.I)
# a set of entity ids or keys (`self._sent_ids`): it grows with the data, whatever it is called
_ID_SET_NAME = re.compile(r"(ids|keys|uuids)$", re.I)
_PRUNE = frozenset({"discard", "remove", "pop", "clear", "difference_update", "intersection_update",
                    "symmetric_difference_update"})
_SET_MAKERS = ("set", "builtins.set")


@register
class UnboundedSeenSet(Rule):
    """A set that records every key handled (`self._seen.add(event_id)`) on an object that
    lives for the process, with nothing that ever removes an entry.

    What it finds:
        Set attributes created in `__init__` (or module-level sets) whose name says they
        remember handled or cached keys (`seen`, `processed`, `handled`, `dedup`, `cache`),
        filled with `.add(value)` at run time, when no function discards, removes, clears or
        rebinds them and nothing checks their size. A set on an object built per call or per
        request is not reported, nor is a connection registry that discards on disconnect.

    Why it matters:
        Every webhook id, message id or URL ever seen stays in memory until the process dies:
        memory grows with traffic. The dedupe is also per replica and lost on restart, so it
        does not guarantee what it promises.

    Example:
        def first_time(self, event_id: str) -> bool:
            if event_id in self._seen:
                return False
            self._seen.add(event_id)
            return True

    Instead:
        Keep the record with an expiry in a shared store (`SET key NX EX 86400` in Redis, a
        unique constraint in the database), or bound it (`cachetools.TTLCache`).
    """

    id = "RA233"
    name = "unbounded-seen-set"
    category = "unbounded-cache"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for (owner, attr), (path, line) in sorted(_declared(model).items()):
            if is_test_path(path) or not (_SEEN_NAME.search(attr) or _dedupe_guard(model, owner, attr)):
                continue
            adds, pruned = _uses(model, owner, attr)
            if not adds or pruned:
                continue
            lifetime = instance_lifetime(model, owner) if attr.startswith("self.") else "process"
            if lifetime == "short":
                continue
            name = short(owner, 1)
            yield self.finding(
                Location(path, line, line),
                f"`{attr}` in `{name}` grows for the life of the "
                + ("process" if lifetime == "process" else "object"),
                f"`{name}` adds every key it handles to `{attr}` and nothing removes them (no "
                "`discard`/`remove`/`clear`, no size check): the set grows with traffic "
                + ("until the process restarts." if lifetime == "process" else
                   f"for as long as the `{name}` object lives. {_origin_text(model, owner)}: kept for the "
                   "process, it grows until a restart; built per run, it holds every key of the run."),
                related=[Location(model.functions[fq][0].path, ln, ln, f"adds to `{attr}`") for fq, ln in adds[:4]],
                recommendation="Record handled keys with an expiry in a shared store (Redis `SET key 1 NX EX <ttl>`, "
                               "or a unique constraint), or bound the set, e.g. `cachetools.TTLCache(maxsize=..., ttl=...)`.",
            )


def _declared(model) -> dict[tuple[str, str], tuple[str, int]]:
    """Set attributes assigned in `__init__` and module-level sets: (owner, attr) -> (path, line)."""
    found: dict[tuple[str, str], tuple[str, int]] = {}
    for _fq, (facts, func) in model.functions.items():
        if func.class_name and func.name == "__init__":
            for attr, value in func.self_attrs.items():
                if _is_set(value):
                    found[(f"{facts.module}.{func.class_name}", f"self.{attr}")] = (facts.path, value.get("line", func.line))
    for module, facts in model.modules.items():
        for name, assign in facts.assigns.items():
            if _is_set(assign.value):
                found[(module, name)] = (facts.path, assign.line)
    return found


def _uses(model, owner: str, attr: str) -> tuple[list[tuple[str, int]], bool]:
    """Run-time `.add(value)` sites of the set, and whether anything prunes, rebinds or sizes it."""
    adds: list[tuple[str, int]] = []
    pruned = False
    is_self = attr.startswith("self.")
    for fq, (facts, func) in model.functions.items():
        if not _reaches(facts, func, owner, attr, is_self):
            continue
        if is_self and func.name != "__init__" and attr[5:] in func.self_attrs:
            pruned = True  # rebound: emptied
        for site in func.calls:
            if _sizes(site, attr):
                pruned = True
            elif site.func and ".".join(site.func[:-1]) == attr:
                pruned = pruned or site.func[-1] in _PRUNE
                if _adds_at_run_time(site, func):
                    adds.append((fq, site.line))
    return adds, pruned


def _dedupe_guard(model, owner: str, attr: str) -> bool:
    """A set of ids that a function tests before doing the work and leaves early when the key is
    in it (`if d["id"] in self._sent_ids: return`): a record of everything already handled."""
    if not _ID_SET_NAME.search(attr):
        return False
    is_self = attr.startswith("self.")
    member = re.compile(rf"(?<!not)\s+in\s+{re.escape(attr)}\b")  # `key in ids`, not `key not in ids`
    return any((block.get("exits") or block.get("skips"))
               and attr in (block.get("chains", ()) if is_self else block.get("names", ()))
               and member.search(model.line_text(facts.path, block["line"]))
               for _fq, (facts, func) in model.functions.items() if _reaches(facts, func, owner, attr, is_self)
               for block in ifs(func))


def _reaches(facts, func, owner: str, attr: str, is_self: bool) -> bool:
    """A method of the set's class, or a function of its module (or one importing it by name)."""
    if is_self:
        return f"{facts.module}.{func.class_name}" == owner
    return facts.module == owner or any(imp.name == attr for imp in facts.imports)


def _sizes(site, attr: str) -> bool:
    """`len(attr)`: a size check, which may bound it."""
    return site.func == ("len",) and bool(site.args) and isinstance(site.args[0], dict) \
        and site.args[0].get("ref") == attr


def _adds_at_run_time(site, func) -> bool:
    """`.add(value)` of a non-constant value outside `__init__`."""
    return site.func[-1] == "add" and func.name != "__init__" and bool(site.args) \
        and not isinstance(site.args[0], (str, int, float))


def _is_set(value) -> bool:
    return isinstance(value, dict) and ((value.get("call") in _SET_MAKERS and "line" in value)
                                        or (value.get("literal") == "set"))


def _origin_text(model, owner: str) -> str:
    """Where instances come from when their lifetime is not known: a project function that builds
    one and hands it to its caller, or nothing in the project (a framework or reflection builds it)."""
    makers = sorted({e.caller for e in model.callers.get(f"{owner}.__init__", ())
                     if e.target.kind == "class" and e.target.name == owner and not is_test_path(model.functions[e.caller][0].path)})
    if makers:
        shown = ", ".join(f"`{short(fq, 2)}`" for fq in makers[:3])
        return f"It is built by {shown} and handed on, so how long it lives is up to the callers"
    return "Nothing in the project shows where it is created (a framework, a factory or reflection builds it)"

