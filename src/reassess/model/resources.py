"""Resources: database pools/engines, cache and broker clients, HTTP clients (and one-shot
HTTP calls), with their configuration as written, their effective timeouts, the address
they talk to, and every function that uses them; plus in-process queues with their
producers and consumers (for streaming flows).

A use is a call on an object whose origin (origins.py) is the resource's creation, or,
when the origin cannot be followed, on an object of the resource's type when exactly one
resource has that type. Calls that fit several resources stay unattributed.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import urlparse

from ..knowledge import clients as lib
from ..knowledge.factories import FACTORY_RETURNS
from ..knowledge.lifecycle import CLIENT_LIFECYCLE
from ..knowledge.queries import query_object_call
from ..knowledge.queues import QUEUE_PUTS
from .app import is_offline_scope, served_edges
from .constants import Constants, Traced, text_of
from .origins import Creation, Origins

if TYPE_CHECKING:
    from .app import Resource
    from .project import Edge, ProjectModel

QUEUE_TYPES = ("asyncio.Queue", "asyncio.PriorityQueue", "asyncio.LifoQueue", "asyncio.queues.Queue")
_STORE_NAMES = {
    "asyncpg": "PostgreSQL", "psycopg": "PostgreSQL", "psycopg_pool": "PostgreSQL", "psycopg2": "PostgreSQL",
    "motor": "MongoDB", "pymongo": "MongoDB", "redis": "Redis", "aioredis": "Redis", "aiokafka": "Kafka",
    "kafka-python": "Kafka", "confluent-kafka": "Kafka", "aio-pika": "RabbitMQ", "pika": "RabbitMQ",
    "nats": "NATS", "elasticsearch": "Elasticsearch", "sqlite3": "SQLite", "aiosqlite": "SQLite",
    "opensearch-py": "OpenSearch", "neo4j": "Neo4j", "lancedb": "LanceDB", "qdrant-client": "Qdrant",
    "weaviate": "Weaviate", "pymilvus": "Milvus", "chromadb": "Chroma",
}
_SCHEMES = {"postgres": "PostgreSQL", "postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MySQL",
            "sqlite": "SQLite", "mssql": "SQL Server", "oracle": "Oracle", "redis": "Redis", "rediss": "Redis",
            "mongodb": "MongoDB", "amqp": "RabbitMQ", "kafka": "Kafka", "bolt": "Neo4j", "neo4j": "Neo4j"}
_URLISH = re.compile(r"(url|uri|host|endpoint|base|address|addr|dsn|server)s?$", re.I)
_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_SUFFIX = re.compile(r"(_base_url|_url|_uri|_endpoint|_host|_addr|_address|_dsn|_api)$", re.I)


def _is_queue(name: str) -> bool:
    return name in QUEUE_TYPES


def merge_store_names(resources: list["Resource"]) -> None:
    """One name per store. Addresses spelled alike but for case are one address. A client whose
    address could not be read (`"redis://" + url` built from a local) is named after the store of
    its kind and engine only when the others name exactly one and the unread address comes from
    the same setting (`url = get_config("REDIS_URL")` beside `Redis (redis_url)`): two servers of
    one engine are not joined on a guess."""
    named: dict[tuple[str, str], dict[str, "Resource"]] = {}
    for resource in resources:
        engine, address = resource.details.get("store_engine", ""), resource.details.get("store_address", "")
        if engine and address:
            named.setdefault((resource.kind, engine), {}).setdefault(address.lower(), resource)
    for resource in resources:
        engine, address = resource.details.get("store_engine", ""), resource.details.get("store_address", "")
        spellings = named.get((resource.kind, engine), {})
        if address:
            resource.details["store"] = spellings[address.lower()].details["store"]
        elif engine and len(spellings) == 1:
            (other,) = spellings.values()
            if set(other.details.get("store_keys", ())) & set(resource.details.get("store_keys", ())):
                resource.details["store"] = other.details["store"]


def _store_text(engine: str, address: str) -> str:
    """"Redis (redis_url)", or "Redis" when the address is not known."""
    return f"{engine} ({address})" if address else engine


class ResourceFinder:
    def __init__(self, model: "ProjectModel", long_lived_scopes: set[str]) -> None:
        self.model = model
        self.long_lived_scopes = long_lived_scopes
        self.origins = Origins(model, self._creates, self._derive)
        self.constants = Constants(model, self.origins)
        self.unresolved: list[str] = []
        self.channels: list[dict[str, Any]] = []

    # ----- what counts -------------------------------------------------------------------------
    def _creates(self, edge: "Edge") -> bool:
        if edge.target.kind != "external":
            return False
        spec = lib.client_spec(edge.target.name)
        return (spec is not None and not spec.one_shot) or _is_queue(edge.target.name)

    def _derive(self, edge: "Edge") -> Iterable[tuple[str, Any]]:
        """Calls whose result wraps a resource: pool.acquire(), engine.begin(),
        sessionmaker(engine), calling a sessionmaker."""
        if edge.target.kind != "external":
            return
        name = lib.canonical(edge.target.name)
        site = edge.site
        facts, func = self.origins.scope_facts(edge.caller)
        callee = self.model.resolver.type_of_chain(facts, func, site.func) if site.func else None
        if callee is not None and callee[0] == "ext_instance":  # calling an object: `Session()` on a sessionmaker
            yield "chain", site.func
        elif name in lib.BOUND_TO:
            keyword, position = lib.BOUND_TO[name]
            value = site.kwargs.get(keyword, site.args[position] if len(site.args) > position else None)
            if value is not None:
                yield "value", value
        elif name in FACTORY_RETURNS and site.func and len(site.func) > 1:
            yield "chain", site.func[:-1]

    # ----- build ------------------------------------------------------------------------------
    def find(self) -> list["Resource"]:
        resources: dict[str, "Resource"] = {}
        queues: dict[str, dict[str, Any]] = {}
        for creation in self.origins.creations:
            if is_offline_scope(self.model, creation.scope):
                continue
            if _is_queue(creation.callee):
                queues[creation.key] = self._queue(creation)
            else:
                resources[creation.key] = self._resource(creation, lib.client_spec(creation.callee))
        for scope, edges in served_edges(self.model):
            for edge in edges:
                if edge.target.kind == "external":
                    self._one_shot(scope, edge, resources)
        self._uses(resources, queues)
        for resource in resources.values():
            _name_from_calls(resource)
        merge_store_names(list(resources.values()))
        self.channels = [queues[k] for k in sorted(queues)]
        return [resources[k] for k in sorted(resources, key=lambda k: (resources[k].path, resources[k].line))]

    def _resource(self, creation: Creation, spec: lib.ClientSpec, one_shot: bool = False) -> "Resource":
        from .app import Resource

        site = creation.site
        config = self.kwargs_of(creation.scope, site) or dict(site.kwargs)
        url_value = self._url_value(spec, site)
        if url_value is not None and "url" not in config and spec.url_arg is not None:
            config["url"] = url_value
        binding = "" if one_shot else self._binding(creation)
        url = self._url(creation, url_value)
        resource = Resource(
            kind=spec.kind, library=spec.library, factory=spec.factory, path=creation.path, line=creation.line,
            function=creation.scope, binding=binding, config=config,
        )
        resource.details = {
            "key": creation.key, "end_line": site.end_line, "one_shot": one_shot, "async": spec.is_async,
            "creates": spec.creates, "url": url.describe() if url else "", "url_env": url.env if url else "",
            **self._store(spec, url, creation), "service": self._service_name(spec, url, creation),
            "long_lived": self._long_lived(creation, binding, one_shot),
            "timeouts": self._timeouts(creation, spec),
            "pool": {k: self.constants.of_value(creation.scope, config[k]).describe()
                     for k in spec.size_kwargs if k in config},
            "operations": [], "unattributed_uses": 0,
        }
        if one_shot:
            resource.users.append(creation.scope)
            resource.details["operations"].append(self._operation(creation.scope, creation.site, "call", spec))
        return resource

    def _one_shot(self, scope: str, edge: "Edge", resources: dict[str, "Resource"]) -> None:
        if edge.target.kind != "external":
            return
        spec = lib.client_spec(edge.target.name)
        if spec is None or not spec.one_shot:
            return
        creation = self.origins.creation(scope, edge)
        resources[creation.key] = self._resource(creation, spec, one_shot=True)

    # ----- uses ---------------------------------------------------------------------------------
    def _uses(self, resources: dict[str, "Resource"], queues: dict[str, dict[str, Any]]) -> None:
        by_type = _by_type(resources)
        by_type_alone = {owner: _alternatives(resources, keys) for owner, keys in by_type.items()}
        plans: dict[str, tuple[str, str] | None] = {}  # decided once per external name
        for scope, edges in served_edges(self.model):
            for edge in edges:
                if edge.target.kind != "external" or not edge.site.func or len(edge.site.func) < 2:
                    continue
                name = edge.target.name
                if query_object_call(name):  # `queries.get_user(conn, id=1)`: a query on the connection passed first
                    self._query_object_use(scope, edge, resources, by_type, by_type_alone)
                    continue
                if name not in plans:
                    plans[name] = _use_plan(name, by_type)
                plan = plans[name]
                if plan is None:
                    continue
                owner, method = plan
                if owner in QUEUE_TYPES:
                    self._queue_use(scope, edge, method, queues)
                else:
                    self._use(scope, edge, owner, method, resources, by_type[owner], by_type_alone[owner])

    def _use(self, scope: str, edge: "Edge", owner: str, method: str, resources: dict[str, "Resource"],
             candidates: list[str], by_type_alone: bool) -> None:
        """Attribute a call on a resource type to the resources its receiver comes from, or, when
        none is traced and `by_type_alone` (the type's creations are one client), to all of them."""
        found = [c.key for c in self.origins.of_chain(scope, edge.site.func[:-1]) if c.key in resources]
        how = "origin"
        if not found and by_type_alone:
            found, how = candidates, "type"
        if not found:
            for key in candidates:
                resources[key].details["unattributed_uses"] += 1
            return
        for key in sorted(set(found)):
            resource = resources[key]
            if scope not in resource.users:
                resource.users.append(scope)
            if method not in CLIENT_LIFECYCLE:
                spec = lib.client_spec(resource.factory)
                op = self._operation(scope, edge.site, method, spec, owner)
                op["attributed_by"] = how
                resource.details["operations"].append(op)

    def _query_object_use(self, scope: str, edge: "Edge", resources: dict[str, "Resource"],
                          by_type: dict[str, list[str]], by_type_alone: dict[str, bool]) -> None:
        """A named query of an aiosql-style object runs on its first argument: a use of the
        resource that connection comes from, as `conn.fetch(...)` would be."""
        first = edge.site.args[0] if edge.site.args else None
        ref = first.get("ref") if isinstance(first, dict) else None
        if not isinstance(ref, str) or not ref:
            return
        chain = tuple(ref.split("."))
        facts, func = self.origins.scope_facts(scope)
        found = self.model.resolver.type_of_chain(facts, func, chain)
        owner = lib.canonical(found[1]) if found is not None and found[0] in ("ext", "ext_instance", "ext_result") \
            else ""
        site = replace(edge.site, func=chain + (edge.site.func[-1],), args=edge.site.args[1:])
        self._use(scope, replace(edge, site=site), owner, edge.site.func[-1], resources, by_type.get(owner, []),
                  by_type_alone.get(owner, False))

    def _operation(self, scope: str, site: Any, method: str, spec: lib.ClientSpec | None,
                   owner: str = "") -> dict[str, Any]:
        facts, _ = self.origins.scope_facts(scope)
        op: dict[str, Any] = {"function": scope, "path": facts.path, "line": site.line, "method": method,
                              "awaited": site.awaited, "in_loop": bool(site.loop_line), "offloaded": site.offloaded}
        if owner and lib.client_spec(owner) is not None and lib.client_spec(owner).kind == "http-client" and \
                (site.args or "url" in site.kwargs):
            url = self.constants.of_value(scope, site.args[0] if site.args else site.kwargs["url"])
            if url.env or (url.known and isinstance(url.value, str)):
                op["service"] = service_name(url)
        found = lib.operation_spec(f"{owner}.{method}") if owner else None
        if found is not None:
            op_spec, _ = found
            op["timeouts"] = [self._effective(scope, site, t).to_dict() for t in op_spec.timeouts]
        elif spec is not None and spec.one_shot:
            op["timeouts"] = [self._effective(scope, site, t).to_dict() for t in spec.timeouts]
        return op

    def _queue(self, creation: Creation) -> dict[str, Any]:
        site = creation.site
        size = site.kwargs.get("maxsize", site.args[0] if site.args else 0)
        traced = self.constants.of_value(creation.scope, size)
        return {"key": creation.key, "path": creation.path, "line": creation.line, "function": creation.scope,
                "type": creation.callee, "binding": self._binding(creation),
                "maxsize": traced.describe(), "bounded": not (traced.known and traced.value in (0, None)) and
                ("maxsize" in site.kwargs or bool(site.args)),
                "producers": [], "consumers": []}

    def _queue_use(self, scope: str, edge: "Edge", method: str, queues: dict[str, dict[str, Any]]) -> None:
        role = "producers" if method in QUEUE_PUTS else "consumers" if method in ("get", "get_nowait") \
            else ""
        if not role:
            return
        facts, _ = self.origins.scope_facts(scope)
        for creation in self.origins.of_chain(scope, edge.site.func[:-1]):
            if creation.key in queues:
                queues[creation.key][role].append({"function": scope, "path": facts.path, "line": edge.site.line})

    # ----- configuration ------------------------------------------------------------------------
    def _timeouts(self, creation: Creation, spec: lib.ClientSpec) -> list[dict[str, Any]]:
        return [self._effective(creation.scope, creation.site, t).to_dict() for t in spec.timeouts]

    def kwargs_of(self, scope: str, site: Any) -> dict[str, Any] | None:
        """The call's keywords, with `**name` expanded when `name` is a dict literal bound in
        the same function or module; None when `**` hides keywords we cannot see."""
        kwargs = dict(site.kwargs)
        if not site.star_args:
            return kwargs
        names = site.star_kwargs
        if not names or not all(name and "." not in name for name in names):  # `*args`, `**{...}`, `**self.opts`
            return None
        facts, func = self.origins.scope_facts(scope)
        for name in names:
            held = func.local_types.get(name) if func is not None else None
            if held is None and name in facts.assigns:
                held = facts.assigns[name].value
            if not (isinstance(held, dict) and held.get("literal") == "dict" and "items" in held
                    and len(held["items"]) == held["size"]):
                return None
            for key, value in held["items"]:
                if not isinstance(key, str):
                    return None
                kwargs.setdefault(key, value)
        return kwargs

    def _effective(self, scope: str, site: Any, timeout: lib.Timeout) -> lib.EffectiveTimeout:
        kwargs = self.kwargs_of(scope, site)
        if kwargs is None:
            return lib.EffectiveTimeout(timeout.kwarg, timeout.phase, None, False, timeout.default, lib.UNKNOWN,
                                        note="keywords passed through **kwargs that could not be read")
        value = kwargs.get(timeout.kwarg)
        if isinstance(value, dict):
            phases = self._timeout_object(scope, value)
            if phases is not None:
                result = lib.EffectiveTimeout(timeout.kwarg, timeout.phase, text_of(value), True, timeout.default,
                                              note=timeout.note)
                key = timeout.phase if timeout.phase in phases else ("total" if "total" in phases else "")
                numbers = [v for v in phases.values()]
                if key:
                    result.effective = phases[key]
                elif numbers and all(isinstance(v, float) for v in numbers):
                    result.effective = max(numbers)
                elif any(v is None for v in numbers):
                    result.effective = None
                result.details["phases"] = phases
                return result
            traced = self.constants.of_value(scope, value)
            if traced.known and isinstance(traced.value, (int, float)) and not isinstance(traced.value, bool):
                kwargs[timeout.kwarg] = traced.value
                result = lib.effective(timeout, kwargs)
                result.written = traced.describe()
                return result
            if traced.known and traced.value is None:
                kwargs[timeout.kwarg] = None
                result = lib.effective(timeout, kwargs, literal_none=True)
                result.written = traced.describe()
                return result
        result = lib.effective(timeout, kwargs, literal_none=timeout.kwarg in site.none_kwargs)
        if isinstance(result.written, dict):
            result.written = text_of(result.written)
        return result

    def _timeout_object(self, scope: str, value: dict) -> dict[str, lib.Seconds] | None:
        """Phases of `timeout=httpx.Timeout(...)` / `aiohttp.ClientTimeout(...)`, written in
        place or held in a variable."""
        if "ref" in value and "." not in value["ref"]:
            facts, func = self.origins.scope_facts(scope)
            held = func.local_types.get(value["ref"]) if func is not None else None
            if held is None and value["ref"] in facts.assigns:
                return self._timeout_object(facts.module, facts.assigns[value["ref"]].value) \
                    if isinstance(facts.assigns[value["ref"]].value, dict) else None
            return self._timeout_object(scope, held) if isinstance(held, dict) else None
        if "call" not in value:
            return None
        edge = self.origins.edge_at(scope, value.get("line", 0), value["call"])
        if edge is None or lib.canonical(edge.target.name) not in lib.TIMEOUT_OBJECTS:
            return None
        args = tuple(self._number(scope, a) for a in edge.site.args)
        kwargs = {k: self._number(scope, v) for k, v in edge.site.kwargs.items()}
        return lib.expand_timeout_object(edge.target.name, args, kwargs)

    def _number(self, scope: str, value: Any) -> Any:
        if value is None or isinstance(value, (int, float)):
            return value
        traced = self.constants.of_value(scope, value)
        return traced.value if traced.known and isinstance(traced.value, (int, float)) else lib.UNKNOWN

    # ----- addresses and names --------------------------------------------------------------------
    def _url_value(self, spec: lib.ClientSpec, site: Any) -> Any:
        for key in spec.url_kwargs:
            if key in site.kwargs:
                return site.kwargs[key]
        if spec.url_arg is not None and len(site.args) > spec.url_arg:
            return site.args[spec.url_arg]
        return None

    def _url(self, creation: Creation, value: Any) -> Traced | None:
        if value is not None:
            traced = self.constants.of_value(creation.scope, value)
            if traced.known or traced.env or isinstance(value, dict) and "ref" in value:
                return traced
        return self._url_from_text(creation)

    def _url_from_text(self, creation: Creation) -> Traced | None:
        """For an address built by an expression the facts do not keep (`base + "/x"`), the
        first configured URL-like name the call's own text mentions."""
        lines = self.model.lines(creation.path)[creation.line - 1: creation.site.end_line]
        for match in _NAME.finditer("\n".join(lines)):
            parts = match.group(0).split(".")
            for size in range(len(parts), 0, -1):
                if _URLISH.search(parts[size - 1]):
                    traced = self.constants.of_ref(creation.scope, ".".join(parts[:size]))
                    if traced.known or traced.env:
                        return traced
        return None

    def _store(self, spec: lib.ClientSpec, url: Traced | None, creation: Creation) -> dict[str, Any]:
        """The store's display name with its engine, address and the settings the address is read
        from kept apart, so names are merged on those rather than on the display text."""
        engine, address = self._store_name(spec, url, creation.site)
        keys = {address.lower()} if address else set()
        return {"store": _store_text(engine, address), "store_engine": engine, "store_address": address,
                "store_keys": sorted(keys | self._address_settings(creation))}

    def _address_settings(self, creation: Creation) -> set[str]:
        """The URL-like names the call's text reads (`redis_url` in `"redis://" + redis_url`) and
        the literal keys of the calls that bind them in the function (`get_config("REDIS_URL")`),
        lowercased: what an unread address is built from."""
        text = "\n".join(self.model.lines(creation.path)[creation.line - 1: creation.site.end_line])
        facts, func = self.origins.scope_facts(creation.scope)
        keys: set[str] = set()
        for match in _NAME.finditer(text):
            name = match.group(0)
            if not _URLISH.search(name.rsplit(".", 1)[-1]) or text[match.end():match.end() + 1] == "(":
                continue
            keys.add(name.lower())
            bound = func.local_types.get(name) if func is not None else None
            if isinstance(bound, dict) and bound.get("call"):
                keys |= {arg.lower() for site in func.calls if site.line == bound.get("line")
                         and site.name == bound["call"] for arg in site.args if isinstance(arg, str)}
        return keys

    def _store_name(self, spec: lib.ClientSpec, url: Traced | None, site: Any) -> tuple[str, str]:
        """(engine, address) of the store a client talks to: ("Redis", "redis_url"); ("", "") for
        an HTTP client; the address is "" when it cannot be read."""
        if spec.kind == "http-client":
            return "", ""
        if spec.library == "boto3" and site.args and isinstance(site.args[0], str):
            return f"AWS {site.args[0]}", ""
        scheme = ""
        if url and url.known and isinstance(url.value, str) and "://" in url.value:
            scheme = url.value.split("://", 1)[0].split("+", 1)[0].lower()
        elif url and url.text.startswith('f"') and "://" in url.text:
            scheme = url.text[2:].split("://", 1)[0].split("+", 1)[0].lower()
        engine = _SCHEMES.get(scheme) or _STORE_NAMES.get(spec.library) or (
            "SQL database" if spec.kind == "database" else spec.library)
        where = ""
        if url is not None:
            host = urlparse(url.value).hostname if url.known and isinstance(url.value, str) and "://" in url.value \
                else None
            where = url.env or host or ("" if url.text.startswith('f"') else url.text)
        return engine, where

    def _service_name(self, spec: lib.ClientSpec, url: Traced | None, creation: Creation) -> str:
        """The remote service's name; when the address is neither configured (env) nor a
        literal, it is named after the code that calls it ("ZoomClient: api_base")."""
        if spec.kind not in ("http-client", "websocket-client"):
            return ""
        if url is not None and (url.env or (url.known and isinstance(url.value, str))):
            return service_name(url)
        owner = _owner_label(self.origins.scope_facts(creation.scope))
        return f"{owner}: {url.text}" if url is not None and url.text else f"{owner} (address not known)"

    def _binding(self, creation: Creation) -> str:
        facts, func = self.origins.scope_facts(creation.scope)
        wanted = {"call": creation.site.name, "line": creation.line}
        if func is None:
            for name, assign in facts.assigns.items():
                if _same_call(assign.value, wanted):
                    return name
            return ""
        for name, value in func.self_attrs.items():
            if _same_call(value, wanted):
                return f"self.{name}"
        for chain, value, _line in func.extra.get("state_assigns", ()):
            if _same_call(value, wanted):
                return chain
        for name, value in func.local_types.items():
            if _same_call(value, wanted):
                return name
        if any(_same_call(v, wanted) for v in func.returns_values):
            return "<returned>"
        return ""

    def _long_lived(self, creation: Creation, binding: str, one_shot: bool) -> bool:
        """Kept beyond one call: module level, on self/app.state, returned, or created by
        startup code; a client made and used inside one call is not."""
        if one_shot:
            return False
        if creation.scope in self.model.modules or binding.startswith("self.") or ".state." in binding:
            return True
        if binding == "<returned>" or creation.scope in self.long_lived_scopes:
            return True
        facts, func = self.origins.scope_facts(creation.scope)
        return bool(binding) and func is not None and {"ref": binding} in func.returns_values


def service_name(url: Traced) -> str:
    """A short name for a remote service: from its env var (TICKER_SERVICE_URL ->
    ticker_service), else the settings attribute, else the host of a literal URL."""
    if url.env:
        return _SUFFIX.sub("", url.env).lower() or url.env.lower()
    last = url.text.rsplit(".", 1)[-1]
    if url.text and _URLISH.search(last) and not url.text.startswith(("'", '"')):
        return _SUFFIX.sub("", last).lower() or last.lower()
    if url.known and isinstance(url.value, str):
        host = urlparse(url.value).hostname
        if host:
            return host
    return url.text if url.text and len(url.text) < 60 else "external service"


def _use_plan(name: str, by_type: dict[str, list[str]]) -> tuple[str, str] | None:
    """(owner type, method) when a call of external `name` uses a queue or a resource type."""
    if lib.client_spec(name) is not None or _is_queue(name):
        return None  # creating one is not using one
    owner, _, method = lib.canonical(name).rpartition(".")
    return (owner, method) if owner in QUEUE_TYPES or owner in by_type else None


def _by_type(resources: dict[str, "Resource"]) -> dict[str, list[str]]:
    """Library type -> keys of the resources whose created type is of its family, one-shot
    creations left out: a call on a value of that type is matched to these by type."""
    by_type: dict[str, list[str]] = {}
    for key, resource in resources.items():
        if not resource.details["one_shot"]:
            for type_name in lib.family(resource.details["creates"]):
                by_type.setdefault(type_name, []).append(key)
    return by_type


def _alternatives(resources: dict[str, "Resource"], candidates: list[str]) -> bool:
    """One creation of the type, or creations of it in one function bound to one name at most
    (`engine = create_async_engine(...)` in each branch of an `if`, then `return engine`): spellings
    of the one client it makes, so a use of that type is theirs. Two names (a primary and a replica)
    are not."""
    found = [resources[c] for c in candidates]
    return len({(r.function, r.details["creates"]) for r in found}) == 1 and \
        len({r.binding for r in found if r.binding}) <= 1


def _same_call(value: Any, wanted: dict) -> bool:
    """A bound value is the call at `wanted` (extra keys such as "entered" aside)."""
    return isinstance(value, dict) and value.get("call") == wanted["call"] and value.get("line") == wanted["line"]


def _owner_label(scope: tuple[Any, Any]) -> str:
    facts, func = scope
    if func is not None and func.class_name:
        return func.class_name.split(".")[-1]
    return facts.module.rsplit(".", 1)[-1] if func is None else f"{facts.module.rsplit('.', 1)[-1]}.{func.name}"


def _name_from_calls(resource: "Resource") -> None:
    """A client with no configured base URL talks to whatever its calls name: when every
    call names the same service, that is the client's service."""
    if resource.kind != "http-client" or resource.details.get("url_env") or ":" not in resource.details["service"] \
            and "(address not known)" not in resource.details["service"]:
        return
    named = {op.get("service") for op in resource.details["operations"]}
    if len(named) == 1 and None not in named:
        resource.details["service"] = named.pop()
