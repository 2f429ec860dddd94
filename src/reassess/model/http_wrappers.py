"""Project functions that pass their URL parameter to an HTTP client (`_get(path)`): their callers'
calls are the round trips, to the URLs the callers write (for model/roundtrips.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..facts.types import CallSite, FunctionFacts
from .routing import HTTP_VERBS
from .trip_records import BODY_KWARGS, TripSite, url_arg

if TYPE_CHECKING:
    from .project import ProjectModel


def url_from_helper(model: "ProjectModel", fq: str, site: CallSite) -> Any:
    """`session.head(self._url(key))`: the f-string a project helper builds the URL with
    (`return f"{self._base}/{key}"`), so a request per key reads as the per-item request it is;
    None when the URL is not such a call."""
    url = url_arg(site)
    name = url.get("call") if isinstance(url, dict) else None
    helper = next((model.callee_function(e.target) for e in model.edges.get(fq, ())
                   if name and e.site.line == url.get("line") and e.site.name == name), "")
    built = model.functions[helper][1].returns_values if helper in model.functions else []
    return built[0] if len(built) == 1 and isinstance(built[0], dict) and "fstring" in built[0] else None


def param_index(func: FunctionFacts, name: str | None) -> int:
    """The index of parameter `name` among `func`'s positional arguments (`self`/`cls` not
    counted), else -1."""
    if not name or "." in name:
        return -1
    params = [p for p in func.params if p.kind in ("posonly", "pos")]
    if params and func.class_name and params[0].name in ("self", "cls"):
        params = params[1:]
    return next((i for i, p in enumerate(params) if p.name == name), -1)


def _url_param(func: FunctionFacts, site: CallSite) -> int:
    """The index among `func`'s own arguments of the parameter an HTTP call passes as its URL
    (`self._http.get(path)` in `def _get(self, path)`), else -1."""
    url = url_arg(site)
    name = url.get("ref") if isinstance(url, dict) else None
    return param_index(func, name)


def through_http_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]]) -> None:
    """A project function that passes its URL parameter to the HTTP client (`_get(path)`,
    `_request(method, path)`) requests the URL its caller writes: the caller's call, or the call
    it is handed to (`breaker.call(self._get, f"/pair/{base}")`), is that round trip, to that URL."""
    wrappers = _http_wrappers(model, out)
    for fq, wrapper in wrappers.items():
        for edge in model.callers.get(fq, ()):
            if edge.target.kind == "function" and not edge.site.offloaded and edge.caller not in wrappers:
                _forwarded(model, edge.caller, edge.site, edge.site.args, wrapper, None, out)
    if wrappers:
        _handed_to_wrappers(model, wrappers, out)


_HttpWrapper = tuple[TripSite, int, str]  # the wrapper's request, its URL parameter's position and name


def _http_wrappers(model: "ProjectModel", out: dict[str, list[TripSite]]) -> dict[str, _HttpWrapper]:
    """Functions whose HTTP request takes its URL from a parameter: fq -> that wrapper."""
    wrappers: dict[str, _HttpWrapper] = {}
    for fq, sites in out.items():
        func = model.functions[fq][1]
        for trip in sites:
            index = _url_param(func, trip.site) if trip.trip.kind == "http" and trip.via is None else -1
            if index >= 0:
                wrappers.setdefault(fq, (trip, index, url_arg(trip.site)["ref"]))
    return wrappers


def _handed_to_wrappers(model: "ProjectModel", wrappers: dict[str, _HttpWrapper],
                        out: dict[str, list[TripSite]]) -> None:
    """`breaker.call(self._get, f"/pair/{base}")`: a wrapper handed as the first argument to a
    call that invokes it with the rest requests the URL among the rest."""
    names = {fq.rsplit(".", 1)[-1] for fq in wrappers}
    for fq, edges in model.edges.items():
        if fq in wrappers:
            continue
        for edge in edges:
            first = edge.site.args[0] if edge.site.args and not edge.site.offloaded else None
            ref = first.get("ref", "") if isinstance(first, dict) else ""
            if ref.rsplit(".", 1)[-1] not in names:
                continue
            facts, func = model.functions[fq]
            found = model.resolver.type_of_value(facts, func, first, 1)
            if found is not None and found[0] == "function" and found[1] in wrappers:
                _forwarded(model, fq, edge.site, edge.site.args[1:], wrappers[found[1]], edge.site, out)


def _forwarded(model: "ProjectModel", fq: str, site: CallSite, args: tuple, wrapper: _HttpWrapper,
               via: CallSite | None, out: dict[str, list[TripSite]]) -> None:
    """Record the wrapper's request as a round trip of the call that passes it a URL (by
    position or by the parameter's name)."""
    inner, index, name = wrapper
    url = args[index] if len(args) > index and not (index and site.star_args) else site.kwargs.get(name)
    if url is None:
        return
    # the wrapper's own verb (`self._http.post(path)` forwards a POST); `request(method, url)` with
    # the URL moved first reads as a GET, its method being unknown here
    verb = inner.site.func[-1] if inner.site.func[-1] in HTTP_VERBS else "get"
    kwargs = {k: v for k, v in site.kwargs.items() if k != name}
    kwargs.update(_forwarded_body(model, inner, site, args, kwargs))
    shifted = CallSite(inner.site.func[:-1] + (verb,), site.line, site.end_line, site.col, awaited=site.awaited,
                       loop_line=site.loop_line, loop_iter=site.loop_iter, args=(url,),
                       kwargs=kwargs, none_kwargs=site.none_kwargs - {name})
    facts = model.functions[fq][0]
    out.setdefault(fq, []).append(TripSite(fq, facts.path, shifted, inner.target, inner.trip, None,
                                           via=via or site))


def _forwarded_body(model: "ProjectModel", inner: TripSite, site: CallSite, args: tuple,
                    given: dict[str, Any]) -> dict[str, Any]:
    """The body or query the wrapper forwards from another parameter (`client.get(path, params=params)`
    in `_get(self, path, params)`), as its caller passes it: `{"resource": resource_id}` carries the item."""
    wrapper = model.functions[inner.function][1]
    out: dict[str, Any] = {}
    for key, value in inner.site.kwargs.items():
        if key not in BODY_KWARGS or key in given or not (isinstance(value, dict) and set(value) == {"ref"}):
            continue
        position = param_index(wrapper, value["ref"])
        passed = args[position] if 0 <= position < len(args) and not site.star_args else site.kwargs.get(value["ref"])
        if passed is not None:
            out[key] = passed
    return out
