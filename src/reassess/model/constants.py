"""What a configuration value is, as far as the code says: a literal, an environment
variable with its default, or an expression we can only name.

`prefix=API_PREFIX` -> "/api/v1"; `max_size=settings.db_pool_max_size` -> 20, read from
env DB_POOL_MAX_SIZE; `timeout=self._timeout` -> whatever `__init__` stored. Used for route
prefixes, pool and timeout configuration and the base URLs of external services.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..facts.kept import fixed_tables
from ..knowledge.environment import CONFIG_READERS, ENV_READS, ENV_SETDEFAULTS
from .origins import passed_argument

if TYPE_CHECKING:
    from .origins import Origins
    from .project import ProjectModel

_LITERALS = (str, int, float, bool)
_CREDENTIALS = re.compile(r"(\w+://[^:/@\s'\"]+:)[^@\s'\"]+@")  # a password in a URL is never shown
_MAX_DEPTH = 10
_CONVERSIONS = {"int": int, "float": float, "str": str}
_GETENV = ENV_READS | ENV_SETDEFAULTS  # both return the variable's value
_PASS_THROUGH = ("sqlalchemy.engine.make_url", "sqlalchemy.make_url", "sqlalchemy.engine.url.make_url",
                 "yarl.URL", "httpx.URL")


@dataclass(frozen=True)
class Traced:
    """A value as far as it can be traced. `known`: `value` is the literal it evaluates to
    when the environment does not override it (`env`)."""

    text: str  # the expression as written: "settings.db_pool_max_size", "20", "API_PREFIX"
    value: Any = None
    known: bool = False
    env: str = ""  # environment variable read, when the value comes from one
    origin: str = ""  # "path:line" of the literal or getenv call the value was traced to

    def describe(self) -> str:
        """"20 (settings.db_pool_max_size, env DB_POOL_MAX_SIZE)"-style text."""
        shown = repr(self.value) if self.known and isinstance(self.value, str) else (
            str(self.value) if self.known else self.text)
        extra = [part for part in (self.text if self.known and self.text != repr(self.value)
                                   and self.text != str(self.value) else "",
                                   f"env {self.env}" if self.env else "") if part]
        text = f"{shown} ({', '.join(extra)})" if extra else shown
        return _CREDENTIALS.sub(r"\1***@", text)


def text_of(value: Any) -> str:
    """The expression text of a literal-form value."""
    if isinstance(value, dict):
        if "ref" in value:
            return value["ref"]
        if "call" in value:
            return f"{value['call']}(...)"
        if "fstring" in value:
            return f'f"{value["fstring"]}"'
        if "or" in value:
            return " or ".join(text_of(v) for v in value["or"])
        if "literal" in value:
            return f"<{value['literal']}>"
        if "lambda" in value:
            return "lambda"
        return "<expression>"
    if isinstance(value, list):
        return repr(value)
    return "<expression>" if value is None else repr(value)


class Constants:
    """Traces literal-form values to literals and environment variables (memoised)."""

    def __init__(self, model: "ProjectModel", origins: "Origins") -> None:
        self.model = model
        self.origins = origins
        self._memo: dict[tuple[str, str], Traced] = {}

    def of_value(self, scope: str, value: Any, depth: int = 0) -> Traced:
        text = text_of(value)
        if isinstance(value, _LITERALS):
            return Traced(repr(value), value, True)
        if isinstance(value, list):
            return Traced(text, value, True)
        if not isinstance(value, dict) or depth > _MAX_DEPTH:
            return Traced(text)
        if "ref" in value:
            return self.of_ref(scope, value["ref"], depth + 1)
        if "or" in value and value["or"]:
            last = self.of_value(scope, value["or"][-1], depth + 1)
            return Traced(text, last.value, last.known, last.env, last.origin)
        if "fstring" in value:
            return Traced(text)
        if "call" in value:
            return self._call(scope, value, text, depth + 1)
        return Traced(text)

    def of_ref(self, scope: str, ref: str, depth: int = 0) -> Traced:
        key = (scope, ref)
        if key not in self._memo:
            self._memo[key] = Traced(ref)  # guards recursion
            found = self._ref(scope, tuple(ref.split(".")), depth)
            text = found.text if found.text.startswith('f"') else ref  # an f-string says more than a name
            self._memo[key] = Traced(text, found.value, found.known, found.env, found.origin)
        return self._memo[key]

    # ----- cases ----------------------------------------------------------------------------
    def _ref(self, scope: str, chain: tuple[str, ...], depth: int) -> Traced:
        facts, func = self.origins.scope_facts(scope)
        text = ".".join(chain)
        if "[]" in chain or depth > _MAX_DEPTH:
            return Traced(text)
        if len(chain) == 1:
            if func is not None and chain[0] in func.local_types:
                return self.of_value(scope, func.local_types[chain[0]], depth + 1)
            if func is not None and any(p.name == chain[0] for p in func.params):
                return self._param(scope, func, chain[0], depth + 1)
            return self._binding(facts.module, chain[0], depth + 1)
        if func is not None and chain[0] == "self" and func.class_name and len(chain) == 2:
            return self._attribute(f"{facts.module}.{func.class_name}", chain[1], depth + 1)
        owner = self.model.resolver.type_of_chain(facts, func, chain[:-1])
        if owner and owner[0] in ("instance", "class"):
            return self._attribute(owner[1], chain[-1], depth + 1)
        if owner and owner[0] == "module":
            return self._binding(owner[1], chain[-1], depth + 1)
        return Traced(text)

    def _param(self, scope: str, func: Any, name: str, depth: int) -> Traced:
        """A parameter is known when every caller passes the same traced value."""
        index = next(i for i, p in enumerate(func.params) if p.name == name)
        shift = 1 if func.class_name else 0
        found: list[Traced] = []
        for edge in self.origins.callers(scope)[:10]:
            value = passed_argument(edge.site, name, index - shift, func.params[index].kind)
            if value is None:
                return Traced(name)  # a caller relies on the default
            found.append(self.of_value(edge.caller, value, depth + 1))
        texts = {(t.text, t.known, repr(t.value), t.env) for t in found}
        return found[0] if len(texts) == 1 else Traced(name)

    def _binding(self, module: str, name: str, depth: int) -> Traced:
        binding = self.model.bindings.get(module, {}).get(name)
        if binding is None:
            return Traced(name)
        if binding.kind == "variable":
            assign = self.model.modules[module].assigns[name]
            found = self.of_value(module, assign.value, depth + 1)
            if found.known and not found.origin:
                found = Traced(found.text, found.value, True, found.env,
                               f"{self.model.modules[module].path}:{assign.line}")
            return found
        if binding.kind == "import":
            target_module, _, target_name = binding.target.rpartition(".")
            if target_module in self.model.modules:
                return self._binding(target_module, target_name, depth + 1)
        return Traced(name)

    def _attribute(self, class_fq: str, attr: str, depth: int) -> Traced:
        for cls_fq in self.model.mro(class_fq):
            module, cls = self.model.classes[cls_fq]
            for fq, _, method in self.model.self_attr_writers(cls_fq).get(attr, ())[:1]:
                return self.of_value(fq, method.self_attrs[attr], depth + 1)
            if attr in cls.class_attrs:
                found = self.of_value(module.module, cls.class_attrs[attr], depth + 1)
                if _is_settings(cls.bases) and not found.env:
                    return Traced(found.text, found.value, found.known, attr.upper(), found.origin)
                return found
            if attr in cls.annotations and _is_settings(cls.bases):
                return Traced(attr, env=attr.upper())
        return Traced(attr)

    def _call(self, scope: str, value: dict, text: str, depth: int) -> Traced:
        """`os.getenv("X", "d")` and project helpers like `_env_int("X", 5)` that read the
        environment with their first parameter and take a `default` parameter."""
        edge = self.origins.edge_at(scope, value.get("line", 0), value["call"])
        if edge is None:
            return Traced(text)
        site, target = edge.site, edge.target
        origin = f"{self.origins.scope_facts(scope)[0].path}:{site.line}"
        external = target.kind == "external"
        if target.name in _GETENV or (external and target.name.endswith(("os.getenv", "os.environ.get"))):
            return _env_call(site.args, site.kwargs, text, origin, "default")
        if external and target.name in CONFIG_READERS and site.args \
                and isinstance(site.args[0], str):  # starlette Config / python-decouple: config("X", default=5)
            return _env_call((site.args[0], site.kwargs.get("default")), {}, text, origin, "default")
        if external and target.name in _PASS_THROUGH and site.args:
            inner = self.of_value(scope, site.args[0], depth + 1)
            return Traced(inner.text if inner.text.startswith('f"') else text, inner.value, inner.known, inner.env,
                          inner.origin)
        if target.kind == "builtin" and target.name in _CONVERSIONS and len(site.args) == 1:
            return self._converted(scope, site.args[0], target.name, text, depth)
        if target.kind == "function" and self._reads_env(target.name):
            return self._env_helper(target.name, site, text, origin)
        return Traced(text)

    def _converted(self, scope: str, arg: Any, conversion: str, text: str, depth: int) -> Traced:
        """`float(os.getenv("X", "5"))` -> 5.0: the conversion applied to the traced value."""
        inner = self.of_value(scope, arg, depth + 1)
        if inner.known:
            try:
                return Traced(text, _CONVERSIONS[conversion](inner.value), True, inner.env, inner.origin)
            except (TypeError, ValueError):
                pass
        return Traced(text, env=inner.env)

    def _env_helper(self, fq: str, site: Any, text: str, origin: str) -> Traced:
        """A project helper reading the environment: its `default` parameter is the default."""
        _, helper = self.model.functions[fq]
        names = [p.name for p in helper.params]
        if "default" not in names:
            return Traced(text)
        index = names.index("default")
        default = site.kwargs.get("default", site.args[index] if index < len(site.args) else None)
        return _env_call((site.args[0] if site.args else None, default), {}, text, origin, "default")

    def _reads_env(self, fq: str) -> bool:
        _, func = self.model.functions[fq]
        first = func.params[0].name if func.params else ""
        return any(site.name.endswith(("getenv", "environ.get")) and site.args == ({"ref": first},)
                   for site in func.calls)


def _env_call(args: tuple, kwargs: dict, text: str, origin: str, default_key: str) -> Traced:
    env = args[0] if args and isinstance(args[0], str) else ""
    default = args[1] if len(args) > 1 else kwargs.get(default_key)
    known = isinstance(default, _LITERALS)
    return Traced(text, default if known else None, known, env, origin)


def _is_settings(bases: list[str]) -> bool:
    return any(base.rsplit(".", 1)[-1] in ("BaseSettings", "Settings") for base in bases)


_COPIES = frozenset({"list", "tuple", "set", "frozenset", "sorted"})
# The root of a chain that reads configuration (`settings.backends`, `config.SINKS`, `app_cfg.peers`).
CONFIG_ROOT = re.compile(r"settings|config|conf$|cfg|options|env", re.I)


def configured_collection(model: "ProjectModel", class_fq: str, attr: str) -> str:
    """The configuration chain `self.<attr>` is built from, "" when it is anything else: set only in
    `__init__`, from a settings value (`[Sink(n) for n in settings.sinks]`) or from a helper without
    parameters returning one (`self._backends = configured_backends()`). Its length is what the
    deployment configures (a few sinks or peers), not data a request or a table brings."""
    for owner in model.mro(class_fq):
        writers = model.self_attr_writers(owner).get(attr) if owner in model.classes else None
        if writers:
            if any(not fq.endswith(".__init__") for fq, _facts, _func in writers):
                return ""
            chains = [_config_chain(model, fq, func, func.self_attrs[attr], 0) for fq, _f, func in writers]
            return chains[0] if all(chains) else ""
    return ""


def _config_chain(model: "ProjectModel", fq: str, func: Any, value: Any, depth: int) -> str:
    """The settings chain a value comes from, through locals, comprehensions and parameterless helpers."""
    if not isinstance(value, dict) or depth > 3:
        return ""
    if isinstance(value.get("over"), dict):
        return _config_chain(model, fq, func, value["over"], depth + 1)
    ref = value.get("ref")
    if isinstance(ref, str):
        if "." in ref:
            return ref if CONFIG_ROOT.search(ref.split(".")[0]) else ""
        return _config_chain(model, fq, func, func.local_types.get(ref), depth + 1)
    call = value.get("call")
    comp = func.extra.get("loops", {}).get(value.get("line"), {})
    if call in _COPIES and comp.get("kind") == "comp":  # `tuple(Sink(n) for n in names)`
        return _config_chain(model, fq, func, comp.get("iter"), depth + 1)
    return _helper_chain(model, fq, value, depth) if isinstance(call, str) else ""


def _helper_chain(model: "ProjectModel", fq: str, value: dict, depth: int) -> str:
    """The settings chain every return of a parameterless project helper comes from
    (`self._backends = configured_backends()`), "" when a return is anything else."""
    edge = next((e for e in model.edges.get(fq, ()) if e.site.name == value["call"]
                 and e.site.line == value.get("line") and not e.site.args and not e.site.kwargs), None)
    callee = model.callee_function(edge.target) if edge else ""
    if not callee or [p for p in model.functions[callee][1].params if p.name not in ("self", "cls")]:
        return ""
    helper = model.functions[callee][1]
    chains = [_config_chain(model, callee, helper, v, depth + 1) for v in helper.returns_values]
    return chains[0] if chains and all(chains) else ""


def fixed_collection(model: "ProjectModel", path: str, name: str) -> bool:
    """`name`, as the module at `path` sees it (its own or imported), is a written-out collection
    no function grows (`facts.kept.fixed_tables`): a loop over it runs a number of times the code fixes."""
    facts = model.by_path.get(path)
    module = facts.module if facts is not None else ""
    for _ in range(_MAX_DEPTH):
        binding = model.bindings.get(module, {}).get(name)
        if binding is not None and binding.kind == "variable":
            tables = model.memo("constants.fixed_tables", dict)
            if module not in tables:
                tables[module] = fixed_tables(model.modules[module])
            return name in tables[module]
        if binding is None or binding.kind != "import":
            return False
        module, _, name = binding.target.rpartition(".")
        if module not in model.modules:
            return False
    return False
