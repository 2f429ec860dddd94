"""A call site in terms of names: the local its result is bound to, and which of the callee's
parameters receives a given argument."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.origins import positional_params

if TYPE_CHECKING:
    from ...facts.types import ArgValue, CallSite, FunctionFacts
    from ...model.project import Edge


def bound_local(func: "FunctionFacts", line: int, call: str) -> str:
    """The local bound to the result of the call `call` made at `line` (`row = await
    session.get(...)`, `x = check(...)`), "" when none. A method called on a result
    (`Repo(session).get(...)`, written "().get") is recorded without its callee's name."""
    names = (call, "") if call.startswith("().") else (call,)
    return next((name for name, value in func.local_types.items() if isinstance(value, dict)
                 and value.get("line") == line and value.get("call") in names), "")


def bound_result(func: "FunctionFacts", line: int, call: str) -> str:
    """`bound_local`, or the one local bound on that line to a method of the awaited call's result
    (`promo = (await session.execute(stmt)).scalar_one_or_none()`, recorded with no callee name)."""
    local = bound_local(func, line, call)
    if local or not any(s.line == line and s.name == call and s.awaited for s in func.calls):
        return local
    named = [name for name, value in func.local_types.items() if isinstance(value, dict)
             and value.get("line") == line and "call" in value]
    return named[0] if len(named) == 1 and func.local_types[named[0]]["call"] == "" else ""


def bound_locals(func: "FunctionFacts", line: int, call: str) -> list[str]:
    """`bound_local`, or each name a tuple takes from the call's result (`balance, held = await
    ledger.balance(account_id)`): every part of what the call read."""
    single = bound_local(func, line, call)
    return [single] if single else [name for name, value in func.extra.get("unpacked", {}).items()
                                     if value.get("line") == line and value.get("call") == call]


def bound_site(func: "FunctionFacts", value: dict) -> "CallSite | None":
    """The call site a bound call value was made at (`{"call": "self._lock_for", "line": 12}` ->
    the `self._lock_for(...)` call on line 12), None when the function records none."""
    return next((s for s in func.calls if s.line == value.get("line") and s.name == value["call"]), None)


def param_receiving(callee: "FunctionFacts", site: "CallSite", local: str) -> str:
    """The callee's parameter that receives the local `local` at `site` ("" when none)."""
    for key, value in site.kwargs.items():
        if value == {"ref": local}:
            return key
    params = positional_params(callee)
    for index, value in enumerate(site.args):
        if value == {"ref": local} and index < len(params):
            return params[index]
    return ""


def argument(site: "CallSite", callee: "FunctionFacts", param: str) -> "ArgValue":
    """The value `site` passes for the callee's parameter `param` (None when not passed)."""
    if param in site.kwargs:
        return site.kwargs[param]
    names = positional_params(callee)
    index = names.index(param) if param in names else -1
    return site.args[index] if 0 <= index < len(site.args) else None


def target_name(edge: "Edge") -> str:
    """The dotted name of the library callable an edge calls ("builtins.open" for a builtin), "" for a
    project function or an unresolved call."""
    target = edge.target
    if target.kind == "builtin":
        return f"builtins.{target.name}"
    return target.name if target.kind == "external" else ""
