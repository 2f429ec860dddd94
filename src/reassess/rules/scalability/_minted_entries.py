"""Entries a request stores under an id it mints or a secret it draws, for RA502
(process_local_coordination): the follow-up request that looks them up may reach another replica."""
from __future__ import annotations

from ...facts.types import FunctionFacts
from ...knowledge.identifiers import MINTED_IDS, MINTED_SECRETS
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.components import InstanceState
from ...model.resilience.runtime import SPAWNERS, entries_reaching
from ._in_flight_marks import shareable_container


def minted_registry(model: ProjectModel, attr: InstanceState) -> tuple[str, str, str] | None:
    """(writer, reader, secret) when a method requests reach mints an id (`uuid4()`, `secrets.token_hex()`),
    stores into the container and returns a value, or draws a secret and sends it out (`secret` "sent")
    or stores the entry under it (`secret` "key": a reset token), and
    another method requests reach reads the container by key (`.get(...)`). Containers of
    process-local objects (sockets, tasks) are left out: they cannot be shared anyway."""
    if not shareable_container(model, attr):
        return None
    for writer in sorted(attr.writers):
        func = model.functions[writer][1]
        handed_back = func.returns_values and any(site.func and site.func[-1] in MINTED_IDS for site in func.calls)
        secret = "sent" if _secret_sent(model, writer) else \
            "key" if not handed_back and _keyed_by_drawn(model, writer, attr) else ""
        if not handed_back and not secret:
            continue
        if not any(e.kind == "http" for e, _c in entries_reaching(model, {writer}, limit=6)):
            continue
        for reader in sorted(attr.readers | attr.writers - {writer}):
            looked_up = any(site.func in (("self", attr.attr, "get"), ("self", attr.attr, "pop"))
                            for site in model.functions[reader][1].calls)
            if looked_up and any(e.kind == "http" for e, _c in entries_reaching(model, {reader}, limit=6)):
                return writer, reader, secret
    return None


def _secret_sent(model: ProjectModel, fq: str) -> bool:
    """The method draws a fresh secret into a local (`code = new_otp()`, a project helper around
    `secrets.randbelow`) and hands it to another call (an SMS, an e-mail): a one-time code the next
    request of the same client must present, to whichever process serves it. A log line or a task
    the method starts with it (`create_task(self._run(job_id))`) sends nothing out: that is a job's id."""
    func = model.functions[fq][1]
    drawn = {name for name, bound in func.local_types.items() if isinstance(bound, dict) and bound.get("call")
             and _draws_secret(model, fq, bound["call"], bound.get("line", 0))}
    return bool(drawn) and any(isinstance(a, dict) and a.get("ref") in drawn and not _kept_inside(func, site)
                               for site in func.calls for a in [*site.args, *site.kwargs.values()])


def _keyed_by_drawn(model: ProjectModel, fq: str, attr: InstanceState) -> bool:
    """The method stores into the container under a secret it has just drawn (`token =
    secrets.token_urlsafe(32)`, then `self._tokens[token] = (user_id, expires)`): the key is the
    credential itself, which only leaves the process to come back in another request (a reset link)."""
    func = model.functions[fq][1]
    keys = {store["key"].get("ref") for store in func.extra.get("stores", ())
            if store["target"] == f"self.{attr.attr}" and store.get("item") and store.get("kind") == "set"
            and isinstance(store.get("key"), dict)} - {None}
    # only the calls binding one of those keys are asked whether they draw a secret (each asks the edges)
    return any(site.func and keys & func.names_bound_on(site.line)
               and _draws_secret(model, fq, ".".join(site.func), site.line) for site in func.calls)


def _kept_inside(func: FunctionFacts, site) -> bool:
    """The call logs, starts a task, or is the coroutine a task start on its line is given: the value
    stays in this process."""
    if blk.logs(site) or site.func and site.func[-1] in SPAWNERS:
        return True
    name = ".".join(site.func or ())
    return bool(name) and any(start.line == site.line and start.func and start.func[-1] in SPAWNERS
                              and any(isinstance(a, dict) and a.get("call") == name for a in start.args)
                              for start in func.calls)


def _draws_secret(model: ProjectModel, fq: str, call: str, line: int) -> bool:
    """`call` (bound at `line`) is a secret draw, or a project function that returns one."""
    if call.rsplit(".", 1)[-1] in MINTED_SECRETS:
        return True
    for edge in model.edges.get(fq, ()):
        if edge.site.line == line and edge.target.kind == "function" and edge.target.name in model.functions:
            callee = model.functions[edge.target.name][1]
            return bool(callee.returns_values) and any(
                site.func and site.func[-1] in MINTED_SECRETS for site in callee.calls)
    return False
