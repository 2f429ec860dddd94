"""Whether a call's arguments can bind to a function's parameters (as `inspect.Signature.bind`
would decide), from the call site's facts and the function's `Param`s."""
from __future__ import annotations

from ...facts.types import CallSite, Param


def bind_error(params: list[Param], site: CallSite) -> str:
    """Why the call cannot bind, or "" when it can (or when star-args make it unknowable).

    `params` are the parameters the call fills (without a bound `self`/`cls`)."""
    positional = [p for p in params if p.kind in ("posonly", "pos")]
    has_vararg = any(p.kind == "vararg" for p in params)
    has_kwarg = any(p.kind == "kwarg" for p in params)
    given = len(site.args)
    if given > len(positional) and not has_vararg:
        return (f"{given} positional argument{'s' if given != 1 else ''} given, but it takes "
                f"{_at_most(positional)}")
    bound = {p.name for p in positional[:given]}
    error = _keyword_error(params, site, bound, has_kwarg)
    if error or site.star_args:
        return error
    missing = [p.name for p in params if p.kind in ("posonly", "pos", "kwonly") and not p.has_default
               and p.name not in bound]
    if missing:
        names = ", ".join(f"`{m}`" for m in missing)
        return f"missing required argument{'s' if len(missing) > 1 else ''} {names}"
    return ""


def _keyword_error(params: list[Param], site: CallSite, bound: set[str], has_kwarg: bool) -> str:
    """Why a keyword argument cannot bind (unknown, or given twice), or ""; each keyword that
    binds joins `bound`."""
    by_name = {p.name: p for p in params if p.kind in ("pos", "kwonly")}
    for keyword in site.kwargs:
        if keyword not in by_name:
            if has_kwarg:
                continue
            return f"unexpected keyword argument `{keyword}`"
        if keyword in bound:
            return f"`{keyword}` is given both by position and by keyword"
        bound.add(keyword)
    return ""


def _at_most(positional: list[Param]) -> str:
    required = sum(1 for p in positional if not p.has_default)
    if required == len(positional):
        return f"{len(positional)}"
    return f"{required} to {len(positional)}"


def signature_text(name: str, params: list[Param]) -> str:
    """`def name(a, b=..., *args, c, **kw)` from the facts (defaults shown as `...`)."""
    parts: list[str] = []
    saw_star = False
    for index, param in enumerate(params):
        if param.kind == "kwonly" and not saw_star:
            parts.append("*")
            saw_star = True
        text = {"vararg": f"*{param.name}", "kwarg": f"**{param.name}"}.get(param.kind, param.name)
        if param.kind == "vararg":
            saw_star = True
        if param.has_default:
            text += "=..."
        parts.append(text)
        if param.kind == "posonly" and (index + 1 == len(params) or params[index + 1].kind != "posonly"):
            parts.append("/")
    return f"{name}({', '.join(parts)})"
