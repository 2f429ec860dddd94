"""How an RA227 finding says what it found: how long the dicts live, what they grow with (and the
severity that follows), what the removals there are do, and where the fills are."""
from __future__ import annotations

import re

from ...facts.types import CallSite
from ...findings import Location
from ...model.lifetime import instance_lifetime
from ...model.project import ProjectModel
from ._cache_candidates import Cache
from ._common import short

# the settings a client is made from: one client per configured credential or endpoint
_SETTING = re.compile(r"(api_?key|token|secret|base_?url|url|endpoint|host|region|dsn)$", re.I)


def evictor_names(model: ProjectModel, caches: list[Cache]) -> tuple[list[str], list[str]]:
    """(the evicting functions nothing calls, those called): the finding names both, since a dead
    evictor is why a cache that looks managed grows all the same."""
    dead = sorted({short(fq) for c in caches for fq in c.evictors if not model.callers.get(fq)})
    dropping = sorted({short(fq) for c in caches for fq in c.evictors if model.callers.get(fq)})
    return dead, dropping


def class_attribute_clause(caches: list[Cache]) -> str:
    """A cache kept on the class is shared by every instance, so even one built per request fills
    the same dict: said, since the `self.` in its name suggests otherwise."""
    shared = [c for c in caches if c.on_class]
    if not shared:
        return ""
    return (f". {' and '.join(f'`{c.attr[5:]}`' for c in shared)} "
            f"{'are class attributes' if len(shared) > 1 else 'is a class attribute'}, "
            "so every instance shares it, even one built per request")


def related_locations(model: ProjectModel, caches: list[Cache], stores: list) -> list[Location]:
    """The first fills by key, then where each other cache of the owner is created (a dict handed
    in: where it is made for the process)."""
    related = [Location(model.functions[fq][0].path, line, line, f"fills `{c.attr}` by key")
               for c, fq, line in stores[:6]]
    related += [Location(c.handed_in[0], c.handed_in[1], c.handed_in[1], f"the dict `{c.attr}` holds is made here")
                for c in caches if c.handed_in is not None]
    return related + [Location(c.path, c.line, c.line, f"`{c.attr}` created here") for c in caches[1:]
                      if c.handed_in is None]


def handed_in_clause(caches: list[Cache]) -> str:
    """A dict made once for the process and handed to the constructor outlives the object holding it."""
    shared = [c for c in caches if c.handed_in is not None]
    if not shared:
        return ""
    return "".join(f". `{c.attr}` is the dict made at {c.handed_in[0]}:{c.handed_in[1]} (`{c.handed_in[2]}`) and "
                   f"handed to every `{short(c.owner, 1)}` built, so it lives for the process even when each "
                   "object does not" for c in shared)


PROCESS_LONG = "for the life of the process"
# the "Why it matters" section, in the words a finding fills in (line breaks kept as documented)
STALE_FOREVER = ("Every distinct key stays in memory {lasting}, and the values never\n"
                  "refresh: memory grows with the key space (one entry per user, symbol or URL) and\n"
                  "stale values (rates, limits, metadata) are served forever.")
REPLICA_COPIES = " Each replica also holds\nits own divergent copy."


def lasting_of(model: ProjectModel, owner: str, caches: list[Cache]) -> str:
    """How long the dicts live: the process's life for module dicts, class attributes and objects
    kept for the process; else as long as the owning object, whose holder the analysis could not
    follow (an attribute of another object of unknown lifetime, one connection's layer)."""
    if all(not c.attr.startswith("self.") or c.on_class or c.handed_in for c in caches) or \
            instance_lifetime(model, owner) == "process":
        return PROCESS_LONG
    return f"for as long as its `{short(owner, 1)}` object lives"


def growth_of(model: ProjectModel, caches: list[Cache], lasting: str = PROCESS_LONG) -> tuple[str, str | None]:
    """What the dicts grow with, and the severity that follows: clients per configured credential
    grow with configuration (LOW), anything else with the traffic (the rule's severity)."""
    if _client_per_setting(model, caches):
        return (". It holds one client per API key or endpoint it is asked for: it grows with the credentials "
                "the deployment configures (and keeps the clients of rotated keys), or with every user's key "
                "if callers pass keys their users supply", "LOW")
    return f". The dict grows with every distinct key {lasting}" + (
        "" if lasting == PROCESS_LONG else " (what holds that object, and so how long it lives, the analysis "
        "could not follow)"), None


def _client_per_setting(model: ProjectModel, caches: list[Cache]) -> bool:
    """Every store keeps a client made from connection settings only (`client = make_client(api_key,
    base_url); clients[key] = client`): the keys are credentials and endpoints, which configuration
    decides, not the traffic."""
    for cache in caches:
        for fq, line in cache.stores:
            func = model.functions[fq][1]
            store = next((s for s in func.extra.get("stores", ()) if s["line"] == line and s["item"]), {})
            value = store.get("value")
            name = value.get("ref", "") if isinstance(value, dict) else ""
            lines = set(func.extra.get("rebound_lines", {}).get(name, ()))
            made = [site for site in func.calls if site.line in lines and site.args]
            if not made or not all(_settings_only(site) for site in made):
                return False
    return True


def _settings_only(site: CallSite) -> bool:
    """A call whose arguments are all names of connection settings (`api_key`, `cfg.base_url`)."""
    args = [*site.args, *site.kwargs.values()]
    return all(isinstance(a, dict) and _SETTING.search(str(a.get("ref", ""))) for a in args)


def lifetime_clause(caches: list[Cache]) -> str:
    """No bound and no expiry; or, for entries stored with their time (`(info, time.time())`),
    an age checked on read that never removes what has expired."""
    if all(c.stamped for c in caches):
        return ", with no size bound; entries carry a timestamp (an expiry checked on read)"
    return ", with no size bound and no expiry"


def evictors_clause(dead: list[str], dropping: list[str], plural: bool) -> str:
    """What the removals there are do: no resolved call reaches them (`dead`), or they only drop the key a
    caller names when it changes (`dropping`); that nothing removes an entry when there are none."""
    clause = (f"; only {', '.join(f'`{d}`' for d in dead)} would clear {'them' if plural else 'it'}, and "
              f"no call the analysis could resolve reaches {'them' if len(dead) > 1 else 'it'}" if dead
              else "" if dropping else "; nothing ever removes an entry")
    if dropping:
        clause += (f"; {', '.join(f'`{d}`' for d in dropping)} only drop{'' if len(dropping) > 1 else 's'} the one "
                   f"key {'their' if len(dropping) > 1 else 'its'} callers name when it changes")
    return clause
