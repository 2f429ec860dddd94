"""Reads of an aiohttp application's own storage: `request.app[CONTAINER]`, `app[HUB]`,
`request.config_dict["db"]`.

aiohttp keeps an app's shared objects under keys (`web.AppKey("hub", ChatHub)` or plain strings),
where FastAPI has `app.state.hub`. The name chains in facts keep a subscript as `[]` and drop its
key, so the key is recorded here, for the resolver to find what the app stored under it:
extra["app_keys"] lists `[line, column, chain up to the subscript, key]` for every such read, and
extra["app_key_locals"] maps a local first bound through one (`hub = request.app[HUB]`,
`throttle = request.app[CONTAINER].login_throttle`) to `[chain, key]`.
"""
from __future__ import annotations

import ast

from ..values import dotted, value_of
from .state import WalkState

# the last name of a chain that holds an aiohttp application (or the request's merged view of its apps)
APP_HOLDERS = frozenset({"app", "application", "config_dict"})


def app_key(node: ast.Subscript) -> tuple[str, object] | None:
    """(`request.app.[]`, key) when `node` reads an app's storage by a constant key (a name chain
    or a string); None for any other subscript."""
    base = dotted(node.value)
    if not base or base[-1] not in APP_HOLDERS:
        return None
    key = value_of(node.slice)
    if isinstance(key, str) or isinstance(key, dict) and set(key) == {"ref"} and "[]" not in key["ref"]:
        return ".".join((*base, "[]")), key
    return None


def keyed_head(node: ast.expr) -> ast.Subscript | None:
    """The app-storage subscript a name chain starts from (`request.app[C]` in `request.app[C].a.b`)."""
    while type(node) is ast.Attribute:
        node = node.value
    if type(node) is ast.Await:
        return None
    return node if type(node) is ast.Subscript and app_key(node) is not None else None


class AppKeyFacts(WalkState):
    """Records reads of an aiohttp app's storage by key (see the module docstring)."""

    def visit_Subscript(self, node: ast.Subscript) -> None:
        func = self.frame.facts
        if func is not None and type(node.ctx) is ast.Load:
            found = app_key(node)
            if found is not None:
                func.extra.setdefault("app_keys", []).append([node.lineno, node.col_offset, *found])
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        func = self.frame.facts
        target = node.targets[0] if len(node.targets) == 1 else None
        if func is not None and type(target) is ast.Name and target.id not in func.local_types:
            head = keyed_head(node.value)
            if head is not None:
                func.extra.setdefault("app_key_locals", {})[target.id] = list(app_key(head))
        super().visit_Assign(node)  # type: ignore[misc]  # the bindings recorder, next in the extractor's order
