"""The stores a service connects to, grouped by address, and what the code says about their
failover: the URL or `host=` as written, the constants it resolves to, failover options on the
client (multi-host DSNs, `target_session_attrs`) and failover clients elsewhere in
the same package (Redis Sentinel or Cluster, a replica engine)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse

from ...facts.types import CallSite
from ...knowledge import clients as lib
from ...model.app import EntryPoint, Resource, is_test_path
from ...model.constants import Constants, Traced
from ...model.origins import Origins
from ...model.project import Edge, ProjectModel

# library -> store family; stores whose clients discover their cluster from one seed (MongoDB
# replica sets, Kafka, NATS, Elasticsearch) and embedded files (SQLite) are not judged.
FAMILY = {"redis": "redis", "aioredis": "redis", "asyncpg": "postgres", "psycopg": "postgres",
          "psycopg_pool": "postgres", "psycopg2": "postgres", "sqlalchemy": "sql", "databases": "sql",
          "aio-pika": "amqp", "pika": "amqp"}
_SCHEMES = {"postgres": "postgres", "postgresql": "postgres", "mysql": "mysql", "mariadb": "mysql",
            "rediss": "redis", "amqps": "amqp"}
_REDIS_FAILOVER_CALL = re.compile(r"(^|\.)(Sentinel|SentinelConnectionPool|SentinelManagedConnection|"
                                  r"RedisCluster|master_for|slave_for)$")
_SENTINEL_URL = re.compile(r"^(redis\+)?sentinel://", re.I)
_REPLICA_NAME = re.compile(r"replica|standby|secondary|reader|read_only|readonly|failover|fallback|slave", re.I)
_FAILOVER_KWARGS = frozenset({"target_session_attrs", "load_balance_hosts"})
_FAILOVER_QUERY = frozenset({"target_session_attrs", "load_balance_hosts"})


@dataclass
class Address:
    """Where a client connects, as far as the code says."""

    shown: str  # "'redis://sessions.internal:6379/0' (SESSION_REDIS_URL)", credentials masked
    hosts: list[str] = field(default_factory=list)  # from a known literal; empty when not known
    env: str = ""  # the environment variable that decides the address
    literal: bool = False  # the literal is what runs: no environment variable can replace it
    failover: str = ""  # why the address already fails over (or may: hidden keywords)
    scheme: str = ""  # "postgresql+asyncpg", "redis", ... when known
    user: str = ""
    database: str = ""  # the URL path without its slash


@dataclass
class Store:
    """One store as the service reaches it: its clients (all to one address) and who needs it."""

    family: str
    name: str
    address: Address
    resources: list[Resource]
    site: CallSite | None = None  # the first client's creation call
    # each entry with how it gets there and the function making the store call it reaches
    entries: list[tuple[EntryPoint, str, str]] = field(default_factory=list)
    calls: list[dict[str, Any]] = field(default_factory=list)  # operations with no fallback around them

    @property
    def first(self) -> Resource:
        return self.resources[0]

    @property
    def engine(self) -> str:
        """"postgres", "mysql", "redis", ... from the URL scheme, else the family."""
        return _engine(self.address.scheme) or self.family


def package(scope: str) -> str:
    return scope.split(".", 1)[0]


def stores(model: ProjectModel) -> list[Store]:
    """The served stores of the judged families, grouped by package and server."""
    constants = model.memo("store_addresses.constants", lambda: Constants(model, Origins(model, lambda edge: False)))
    groups: dict[tuple[str, str, str, bool], Store] = {}
    for resource in model.app.resources:
        family = _family(resource)
        if not family or is_test_path(resource.path) or resource.details.get("one_shot"):
            continue
        site = creation_site(model, resource)
        address = _pool_address(model, constants, resource) if "connection_pool" in resource.config else \
            _address(constants, resource, site)
        if address.scheme.startswith("sqlite") or (family == "sql" and not address.scheme and not address.env):
            continue  # an embedded file, or an engine-agnostic client whose engine nothing names
        key = (package(resource.function), _engine(address.scheme) or family, _server(address), bool(address.failover))
        if key in groups:
            groups[key].resources.append(resource)
        else:
            groups[key] = Store(family, _store_name(resource, address), address, [resource], site)
    return [groups[k] for k in sorted(groups)]


def _engine(scheme: str) -> str:
    base = scheme.split("+")[0].lower()
    return _SCHEMES.get(base, base)


def _server(address: Address) -> str:
    """What identifies the server behind an address: its hosts (ports and database aside: two
    databases on one server share its fate), else the environment variable, else the text."""
    if address.literal and address.hosts:
        return ",".join(sorted(h.rsplit(":", 1)[0] if h.count(":") == 1 else h for h in address.hosts))
    return f"env {address.env}" if address.env else address.shown


def _family(resource: Resource) -> str:
    return FAMILY.get(resource.library, "") if resource.kind in ("database", "cache", "broker") else ""


def _store_name(resource: Resource, address: Address) -> str:
    engine = resource.details.get("store", "").split(" (")[0] or resource.library
    where = ",".join(address.hosts) if address.literal else address.env
    return f"{engine} ({where})" if where else engine


def creation_site(model: ProjectModel, resource: Resource) -> CallSite | None:
    edges = model.edges.get(resource.function) or model.module_edges.get(resource.function, ())
    for edge in edges:
        if edge.site.line == resource.line and lib.canonical(edge.target.name) == resource.factory:
            return edge.site
    return None


# ----- one client's address ----------------------------------------------------------------------------
def _address(constants: Constants, resource: Resource, site: CallSite | None) -> Address:
    """The address from the URL (or `host=`) as written and the constants it resolves to."""
    config = resource.config
    value = config.get("url", config.get("host", config.get("hosts")))
    if value is None and site is not None and resource.factory == "pika.BlockingConnection" and site.args:
        value = site.args[0]
    if value is None:
        if site is not None and site.star_args:
            return Address("keywords passed through **kwargs", failover="an address hidden in **kwargs")
        if resource.library in ("redis", "aioredis"):
            return Address("the library default (localhost:6379)", ["localhost:6379"], literal=True)
        return Address("an address the code does not show")
    traced = constants.of_value(resource.function, value)
    address = Address(traced.describe(), env=traced.env, literal=traced.known and not traced.env)
    _read_literal(address, traced)
    address.failover = address.failover or _kwarg_failover(config)
    if site is not None and site.star_args and set(config) - {"url"} <= set(site.kwargs) and not address.failover:
        address.failover = "keywords passed through **kwargs"  # not expanded: they may configure failover
    return address


def _pool_address(model: ProjectModel, constants: Constants, resource: Resource) -> Address:
    """A client built on `connection_pool=`: the address of that pool when it is one of the
    resources (written in place or bound to a name in the same file), else unknown and left alone."""
    value = resource.config["connection_pool"]
    for pool in model.app.resources:
        if pool is resource or not isinstance(value, dict) or pool.path != resource.path:
            continue
        in_place = "call" in value and value.get("line") == pool.line
        named = value.get("ref") in (pool.binding, pool.binding.removeprefix("self."))
        if in_place or named:
            return _address(constants, pool, creation_site(model, pool))
    return Address("a connection pool made elsewhere", failover="a connection pool the code does not trace")


def _read_literal(address: Address, traced: Traced) -> None:
    """Hosts, scheme and failover options of a known URL, conninfo string or host list (an
    environment variable's default included: it tells the scheme even when it is replaced)."""
    value = traced.value if traced.known else None
    if isinstance(value, list):
        address.hosts = [str(v) for v in value]
        address.failover = f"{len(value)} hosts listed" if len(value) > 1 else ""
    elif not isinstance(value, str):
        text = traced.text
        address.scheme = text[2:].split("://", 1)[0].lower() if text.startswith('f"') and "://" in text else ""
    elif "://" not in value:
        address.hosts = [h for h in re.split(r"[,\s]+", value) if h and "=" not in h]
        if len(address.hosts) > 1 or "target_session_attrs" in value or re.search(r"host=\S*,", value):
            address.failover = "several hosts in the connection string"
    else:
        _read_url(address, value)


def _read_url(address: Address, value: str) -> None:
    parsed = urlparse(value)
    netloc = parsed.netloc.rsplit("@", 1)
    query = parse_qs(parsed.query)
    address.scheme = parsed.scheme.lower()
    address.user = netloc[0].split(":")[0] if len(netloc) == 2 else ""
    address.database = parsed.path.lstrip("/")
    address.hosts = [h for h in netloc[-1].split(",") if h] or query.get("host", [])
    if _SENTINEL_URL.match(value):
        address.failover = f"a {parsed.scheme} URL"
    elif len(address.hosts) > 1:
        address.failover = "a multi-host URL"
    elif _FAILOVER_QUERY & set(query):
        address.failover = "failover options in the URL"


def _kwarg_failover(config: dict[str, Any]) -> str:
    """`target_session_attrs=`, a host list, or the same in `connect_args={...}`."""
    for key, value in config.items():
        if key in _FAILOVER_KWARGS:
            return f"`{key}=`"
        if key in ("host", "hosts") and isinstance(value, list) and len(value) > 1:
            return f"`{key}=` lists {len(value)} hosts"
        if key == "connect_args" and isinstance(value, dict) and any(
                isinstance(k, str) and k in _FAILOVER_KWARGS for k, _v in value.get("items", ())):
            return "failover options in `connect_args`"
    return ""


# ----- failover elsewhere in the package ----------------------------------------------------------------
def package_failover(model: ProjectModel, store: Store) -> str:
    """Failover configured elsewhere in the store's package: Sentinel or Cluster clients and
    sentinel URLs for Redis (a client factory may pick them in production), a replica engine or
    pool for SQL databases."""
    where = package(store.first.function)
    if store.family == "redis":
        return _redis_failover_near(model, store) or _redis_failover(model).get(where, "")
    if store.family in ("postgres", "sql"):
        for other in model.app.resources:
            if other.kind == "database" and package(other.function) == where and other not in store.resources:
                named = " ".join((other.binding, other.details.get("url", ""), other.details.get("url_env", "")))
                if _REPLICA_NAME.search(named):
                    return f"a replica client at {other.path}:{other.line}"
    return ""


def _redis_failover_near(model: ProjectModel, store: Store) -> str:
    """A Sentinel/Cluster call in the function that creates the store's client, or one call
    away from it (a factory that picks Sentinel in production). At module level a Sentinel
    client bound to another name (`presence = sentinel.master_for(...)` beside
    `jobs = Redis(host=...)`) is another store's client and does not count."""
    near = _redis_failover_calls(model)
    bindings = {r.binding for r in store.resources}
    for resource in store.resources:
        scopes = {resource.function, *(e.caller for e in model.callers.get(resource.function, ()))}
        scopes |= {model.callee_function(e.target) or "" for e in model.edges.get(resource.function, ())}
        for scope in sorted(scopes):
            found = next((text for text, bound in near.get(scope, ()) if not bound or bound in bindings), "")
            if found:
                return found
    return ""


def _redis_failover_calls(model: ProjectModel) -> dict[str, list[tuple[str, str]]]:
    """Scope (function or module) -> its Sentinel/Cluster calls, each with the module-level
    name it is bound to ("" inside functions or when unbound); indexed once."""
    def build() -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for scope, edges in [*model.edges.items(), *model.module_edges.items()]:
            for edge in edges:
                name = edge.target.name
                if edge.target.kind == "external" and name.split(".")[0] in ("redis", "aioredis") and \
                        _REDIS_FAILOVER_CALL.search(name):
                    found.setdefault(scope, []).append((f"`{edge.site.name}`", _module_binding(model, scope, edge)))
        return found
    return model.memo("store_addresses.redis_failover_calls", build)


def _module_binding(model: ProjectModel, scope: str, edge: Edge) -> str:
    facts = model.modules.get(scope)
    if facts is None:
        return ""
    line = edge.site.line
    return next((a.name for a in facts.assigns.values() if a.line <= line <= (a.end_line or a.line)), "")


def _redis_failover(model: ProjectModel) -> dict[str, str]:
    """Package -> a sentinel URL found in it (a client factory may pick it in production;
    indexed once). Sentinel/Cluster calls count only near the client (`_redis_failover_near`):
    a Sentinel client for one store does not make another store's single-host client fail over."""
    def build() -> dict[str, str]:
        found: dict[str, str] = {}
        for module, facts in model.modules.items():
            if any(isinstance(a.value, str) and _SENTINEL_URL.match(a.value) for a in facts.assigns.values()):
                found.setdefault(package(module), "a sentinel URL")
        return found
    return model.memo("store_addresses.redis_failover", build)
