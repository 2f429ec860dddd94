"""The values a started argument stands for when the start runs in a loop over a literal
collection (`for w in (Sweeper(db), Exporter(s3)): create_task(w.run())`): one per item, read
from a literal in the function, its object's `__init__` or its module's constants.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .origins import passed_argument, positional_params

if TYPE_CHECKING:
    from ..facts.types import FunctionFacts
    from .origins import Origins
    from .project import Edge, ProjectModel


class LoopItems:
    """Part of `WorkerFinder`: the items of a collection a start walks."""

    model: ProjectModel
    origins: Origins

    def _elements(self, scope: str, site: Any, value: Any) -> list[Any]:
        """The values an argument takes when it names the variable of the loop the call runs in and
        that loop walks a literal collection (`[create_task(c) for c in (a.run(), b.run())]`, `for name,
        coro in jobs.items():` over a dict literal, `w.run` for `w` in a list of `Worker(...)` calls):
        one value per item, else the argument itself."""
        module, func = self.origins.scope_facts(scope)
        info = func.extra.get("loops", {}).get(site.loop_line) if func is not None and site.loop_line else None
        name = (value.get("ref") or value.get("call")) if isinstance(value, dict) else None
        if not info or not name:
            return [value]
        root, _, attr = name.partition(".")
        targets = info.get("target", "").split(",")
        if root not in targets:
            return [value]
        walked, written_in, picked = self._walked(scope, func, module, info["iter"])
        items = [self._item_part(item, targets.index(root), len(targets)) for item in walked]
        found = [self._member(written_in or scope, item, attr) for item in items]
        if picked:  # which of them runs depends on the command line: see `_mark_program_jobs`
            found = [{**v, "_picked": True} if isinstance(v, dict) else v for v in found]
        return [v for v in found if v is not None] or [value]

    def _walked(self, scope: str, func: Any, module: Any, iterable: Any) -> tuple[list[Any], str, bool]:
        """(the items a loop over `iterable` walks, the scope that wrote them ("" for `scope`), whether
        they are a registry the loop walks a selection of): a literal collection, one its object set up,
        or the registry a selection the facts keep no value for is taken from."""
        iterable, built_in = self._attribute_collection(scope, iterable)
        walked = _collection(func, iterable, module.assigns)
        if walked:
            return walked, built_in, False
        walked, written_in = self._selected_registry(scope, iterable)
        return walked, written_in, True

    def _selected_registry(self, scope: str, iterable: Any) -> tuple[list[Any], str]:
        """(items, scope they were written in) of the registry of callables a loop walks a selection
        of: `selected = jobs if which == "all" else {which: jobs[which]}` then `for name, job in
        selected.items()` - the facts keep no value for such a selection, but it only ever holds values
        of the function's one dict of callables - in the function itself, or in its one caller when
        the loop walks a parameter (`run_all(selected)`)."""
        name, method = _walked_name(iterable)
        _, func = self.origins.scope_facts(scope)
        if func is None or not name:
            return [], ""
        if name in func.local_types:
            return self._local_registry(scope, name, method), scope
        param = next((p for p in func.params if p.name == name), None)
        callers = self.model.callers.get(scope, ())
        if param is None or len(callers) != 1 or callers[0].caller not in self.model.functions:
            return [], ""
        params = positional_params(func)
        passed = passed_argument(callers[0].site, name, params.index(name) if name in params else -1, param.kind)
        ref = passed.get("ref") if isinstance(passed, dict) else None
        if not isinstance(ref, str) or "." in ref:
            return [], ""
        return self._local_registry(callers[0].caller, ref, method), callers[0].caller

    def _local_registry(self, scope: str, name: str, method: str) -> list[Any]:
        """The items walked when a loop walks local `name` of `scope`: a dict literal of callables it
        is bound to, or - bound to a selection the facts keep no value for - the function's one such dict."""
        func = self.model.functions[scope][1]
        local = func.local_types.get(name)
        literal = local if _callables_dict(local) else _only_registry(func) if local is None else None
        return self._registry_items(scope, literal, method)

    def _registry_items(self, scope: str, literal: dict[str, Any] | None, method: str) -> list[Any]:
        """The items a walk of `literal` yields (see `_collection`), each lambda value resolved in the
        scope that wrote it (`lambda: report_loop(redis, settings)`) so another scope can start it."""
        if not literal:
            return []
        items = []
        for pair in literal.get("items") or ():
            value = pair[1] if isinstance(pair, list) and len(pair) == 2 else None
            called = self._lambda_call(scope, value, ()) if isinstance(value, dict) and "lambda" in value else ""
            items.append([pair[0], {"_target": called}] if called else pair)
        return _items_of({**literal, "items": items}, method)

    def _attribute_collection(self, scope: str, iterable: Any) -> tuple[Any, str]:
        """(the literal, the `__init__` building it) when a method walks a collection its object
        set up (`self._workers = [Sweeper(db), Exporter(s3)]`, then `for w in self._workers:
        create_task(w.run())`); else (the iterable, "")."""
        ref = iterable.get("ref", "") if isinstance(iterable, dict) else ""
        owner = scope.rpartition(".")[0]
        if not ref.startswith("self.") or ref.count(".") != 1 or owner not in self.model.classes:
            return iterable, ""
        init = self.model.method_of(owner, "__init__")
        literal = self.model.functions[init][1].self_attrs.get(ref[5:]) if init in self.model.functions else None
        return (literal, init) if isinstance(literal, dict) and "items" in literal else (iterable, "")

    @staticmethod
    def _item_part(item: Any, index: int, width: int) -> Any:
        """The part of one item the loop variable at `index` of `width` names (`name, coro`)."""
        if width == 1:
            return item
        parts = item if isinstance(item, list) else (item.get("items") if isinstance(item, dict) else None)
        return parts[index] if isinstance(parts, list) and len(parts) == width else None

    def _member(self, scope: str, item: Any, attr: str) -> Any:
        """`item` itself, or its attribute `attr` as a resolved function when the item constructs a
        project class (`Sweeper(...)` with `.run`): the value the loop's argument stands for. An
        item that is itself such a method (`{"sweep": Sweeper(redis).run}`) is resolved the same way."""
        if not attr and isinstance(item, dict) and "member" in item:
            item, attr = item["of"], item["member"]
        if not attr:
            return item
        if not isinstance(item, dict) or "call" not in item:
            return {"ref": f"{item['ref']}.{attr}"} if isinstance(item, dict) and "ref" in item else None
        made = self._construction(scope, item)
        if made is None or made.target.kind != "class":
            return None
        method = self.model.method_of(made.target.name, attr)
        return {"_target": method, "_made": item} if method else None

    def _construction(self, scope: str, item: dict[str, Any]) -> "Edge | None":
        """The call building a collection's item, in `scope` or (an item of a module constant the
        function walks) at its module's level."""
        line, name = item.get("line", 0), item["call"]
        facts, _ = self.origins.scope_facts(scope)
        return self.origins.edge_at(scope, line, name) or self.origins.edge_at(facts.module, line, name)


def _collection(func: Any, iterable: Any, constants: dict[str, Any] | None = None) -> list[Any]:
    """The items of a loop's iterable when it is a literal collection, directly or through a local
    name or a constant of the function's module (`WORKERS = {"mail": mail.run, ...}`, a registry the
    starter walks): a list, tuple or set's elements, a dict's keys, `.values()` or `.items()` ([key, value])."""
    literal, method = _walked_literal(func, iterable, constants)
    return _items_of(literal, method) if literal is not None else []


def _items_of(literal: dict[str, Any], method: str) -> list[Any]:
    """What a walk of a literal yields: a list, tuple or set's elements, a dict's keys, `.values()`
    or `.items()` ([key, value])."""
    items = _with_members(literal)
    if literal.get("literal") != "dict":
        return [] if method else items
    pairs = [pair for pair in items if isinstance(pair, list) and len(pair) == 2]
    return pairs if method == "items" else [pair[1 if method == "values" else 0] for pair in pairs]


def _walked_literal(func: FunctionFacts, iterable: Any,
                    constants: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
    """(the literal collection a loop's iterable names, the dict view it walks: "items", "values",
    "keys" or ""); (None, "") when the iterable is no literal the facts hold."""
    if not isinstance(iterable, dict):
        return None, ""
    method = ""
    if "call" in iterable:
        owner, _, method = iterable["call"].rpartition(".")
        if method not in ("items", "values", "keys") or not owner:
            return None, ""
        iterable = {"ref": owner}
    if "ref" in iterable:
        name = iterable["ref"]
        iterable = func.local_types.get(name)
        if name not in func.local_types and name in (constants or {}):
            iterable = constants[name].value
    if not isinstance(iterable, dict) or not isinstance(iterable.get("items"), list):
        return None, ""
    return iterable, method


def _with_members(literal: dict[str, Any]) -> list[Any]:
    """The literal's items, with those the facts keep as members of an object built in place
    (`Sweeper(redis).run`, under "members") put back in their place (a dict's as the pair's value)."""
    items = list(literal["items"])
    for index, member in literal.get("members", ()):
        if index < len(items):
            items[index] = [items[index][0], member] if literal.get("literal") == "dict" else member
    return items


def _walked_name(iterable: Any) -> tuple[str, str]:
    """(local name, dict view) a loop walks: `selected.items()` -> ("selected", "items"), `jobs` ->
    ("jobs", ""); ("", "") for anything else."""
    if not isinstance(iterable, dict):
        return "", ""
    if isinstance(iterable.get("call"), str):
        owner, _, method = iterable["call"].rpartition(".")
        return (owner, method) if method in ("items", "values", "keys") and owner and "." not in owner else ("", "")
    ref = iterable.get("ref")
    return (ref, "") if isinstance(ref, str) and "." not in ref else ("", "")


def _only_registry(func: FunctionFacts) -> dict[str, Any] | None:
    """The function's one dict literal whose every value is a callable (a lambda, a reference, a
    bound method of an object built in place): the registry a selection of it is taken from."""
    found = [value for value in func.local_types.values() if _callables_dict(value)]
    return found[0] if len(found) == 1 else None


def _callables_dict(value: Any) -> bool:
    if not isinstance(value, dict) or value.get("literal") != "dict" or not value.get("items"):
        return False
    members = {index for index, _member in value.get("members", ())}
    return all(isinstance(pair, list) and len(pair) == 2 and (
        index in members or isinstance(pair[1], dict) and ("lambda" in pair[1] or set(pair[1]) == {"ref"}))
        for index, pair in enumerate(value["items"]))
