"""What an aiohttp application keeps under a key: `request.app[HUB]` is the `ChatHub` that startup
stored with `app[HUB] = ChatHub(redis)`.

aiohttp's app storage is FastAPI's `app.state`: handlers, middlewares and background tasks reach the
shared services through it. The facts record each read with its key (`walkers/appkeys.py`); the key
is named by the variable it is bound to (`confer.ws.session_chat.HUB`, followed through imports) or
by its text (`app["db"]`). The type is that of a value stored under the key (`app[KEY] = value`,
anywhere in the project), else the type a typed key declares (`web.AppKey("hub", ChatHub)`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import FunctionFacts, ModuleFacts
from ..facts.walkers.appkeys import APP_HOLDERS

if TYPE_CHECKING:
    from .project import ProjectModel
    from .resolve import Resolver, Type

_APP_KEY_TYPES = ("aiohttp.web.AppKey", "aiohttp.web_app.AppKey", "aiohttp.AppKey")


def keyed_local_type(resolver: "Resolver", facts: ModuleFacts, func: FunctionFacts, name: str,
                     depth: int) -> "Type":
    """The type of a local first bound through an app key (`hub = request.app[HUB]`,
    `throttle = request.app[CONTAINER].login_throttle`); None when unknown."""
    chain, key = func.extra["app_key_locals"][name]
    value = func.local_types.get(name)
    ref = value.get("ref", "") if isinstance(value, dict) else ""
    if not isinstance(ref, str) or not ref.startswith(chain):
        return None
    return _through(resolver, facts, key, tuple(p for p in ref[len(chain):].split(".") if p), depth)


def keyed_chain_type(resolver: "Resolver", facts: ModuleFacts, func: FunctionFacts | None,
                     chain: tuple[str, ...], line: int, col: int, depth: int = 0) -> "Type":
    """The type of a name chain written at (`line`, `col`) that reads the app's storage
    (`app[HUB].relay_forever`): the key read there (a chain begins where its subscript does), or the
    one key the line reads that way; None otherwise."""
    if func is None or "[]" not in chain:
        return None
    cut = chain.index("[]")
    if cut == 0 or chain[cut - 1] not in APP_HOLDERS:
        return None
    prefix = ".".join(chain[:cut + 1])
    reads = [(at_col, key) for at, at_col, written, key in func.extra.get("app_keys", ())
             if at == line and written == prefix]
    keys = [key for at_col, key in reads if at_col == col] or [key for _col, key in reads]
    if not keys or any(key != keys[0] for key in keys):
        return None
    return _through(resolver, facts, keys[0], chain[cut + 1:], depth)


def _through(resolver: "Resolver", facts: ModuleFacts, key: object, attrs: tuple[str, ...], depth: int) -> "Type":
    """The type of what the app keeps under `key`, then of each attribute in `attrs` in turn."""
    found = stored_type(resolver, key_name(resolver.model, facts, key), depth + 1)
    for attr in attrs:
        if found is None or attr == "[]":
            return None
        found = resolver.attribute_type(found, attr, depth + 1)
    return found


def key_name(model: "ProjectModel", facts: ModuleFacts, key: object) -> str:
    """The key as one name for the whole project: the fully qualified variable a key object is bound
    to (`confer.core.container.CONTAINER`, through imports), `str:<text>` for a string; "" if unknown."""
    if isinstance(key, str):
        return f"str:{key}"
    ref = key.get("ref", "") if isinstance(key, dict) else ""
    if not isinstance(ref, str) or not ref:
        return ""
    head, _, rest = ref.partition(".")
    binding = model.bindings.get(facts.module, {}).get(head)
    if binding is None:
        return ""
    return _canonical(model, f"{binding.target}.{rest}" if rest else binding.target)


def _canonical(model: "ProjectModel", dotted: str, depth: int = 0) -> str:
    """`dotted` with re-exports followed to the module that binds the variable itself."""
    module, _, name = dotted.rpartition(".")
    binding = model.bindings.get(module, {}).get(name) if module in model.modules else None
    if binding is not None and binding.kind == "import" and binding.target != dotted and depth < 6:
        return _canonical(model, binding.target, depth + 1)
    return dotted


def stored_type(resolver: "Resolver", key: str, depth: int) -> "Type":
    """The type of a value stored under `key` (looked up as an `app.state` value is), else the type
    its `web.AppKey(...)` declares."""
    if not key:
        return None
    return resolver.kept_type(key, stored_values(resolver.model).get(key, ()), depth + 1) \
        or _declared(resolver, key, depth)


def stored_values(model: "ProjectModel") -> dict[str, list[tuple[ModuleFacts, FunctionFacts, object]]]:
    """Key -> [(module, function, value)] of every `app[KEY] = value` in the project."""
    def build() -> dict[str, list]:
        found: dict[str, list] = {}
        for facts in model.modules.values():
            for func in facts.functions.values():
                for store in func.extra.get("stores", ()):
                    if store["item"] and store["kind"] == "set" and "value" in store \
                            and store["target"].rsplit(".", 1)[-1] in APP_HOLDERS:
                        name = key_name(model, facts, store.get("key"))
                        if name:
                            found.setdefault(name, []).append((facts, func, store["value"]))
        return found
    return model.memo("app_keys.stored", build)


def _declared(resolver: "Resolver", key: str, depth: int) -> "Type":
    """`HUB = web.AppKey("chat_hub", ChatHub)`: an instance of the type the key is declared with."""
    module, _, name = key.rpartition(".")
    facts = resolver.model.modules.get(module)
    assign = facts.assigns.get(name) if facts is not None else None
    value = assign.value if assign is not None else None
    if not isinstance(value, dict) or "call" not in value:
        return None
    for site in facts.module_calls:
        if site.line == value.get("line") and site.name == value["call"]:
            typed = site.kwargs.get("t", site.args[1] if len(site.args) > 1 else None)
            callee = resolver.type_of_chain(facts, None, tuple(value["call"].split(".")), depth + 1)
            if callee is not None and callee[1] in _APP_KEY_TYPES and isinstance(typed, dict) \
                    and isinstance(typed.get("ref"), str):
                return resolver.instance_of_annotation(facts, typed["ref"], depth + 1)
    return None
