"""WebSocket registries and their senders, for RA502 (process_local_coordination).

Decides which containers hold a process's connections, which functions fan a message out
over them, and what triggers those sends (a request, a hand-off, a worker not fed by a shared
channel): the broadcast and directed-send parts of the rule, kept apart from its findings."""
from __future__ import annotations

from ...model.project import ProjectModel
from ...model.resilience.components import InstanceState
from ...model.resilience.runtime import entries_reaching, forward, in_served_process
from ...model.resilience.state import ModuleState
from ..concurrency._ws import handlers as ws_handlers
from ._directed import SOCKET_SENDS
from ._local_state_limits import reads
from ._locks import claims_rows, lock_lines
from .request_state_in_singleton import TYPE_NAME, declares_connection_class

REQUESTS = ("http", "websocket")  # entry kinds a client's request starts


def registry_senders(model: ProjectModel, attr: InstanceState) -> list[str]:
    """The methods that fan a message out over the service's connection registry: readers that
    send, queue to each connection, hand each socket to a sending method, or deliver to one
    looked-up entry, and writers that prune failed sockets while sending."""
    return sorted({*(fq for fq in attr.readers if _sends(model, fq) or _queues_to_each(model, fq)
                     or _sends_each_through(model, fq, attr.attr)
                     or _delivers_to_entry(model, fq, attr)),
                   *(fq for fq in attr.writers if _prunes_while_sending(model, fq, attr)),
                   *_sends_over_reader(model, attr)})


def _sends_over_reader(model: ProjectModel, attr: InstanceState) -> list[str]:
    """Methods of the class that loop over what a reader of the registry returns (`for ws in
    self.members(room):`, `members` returning `list(self._rooms.get(room, ()))`) and send to each
    socket in that loop: the fan-out goes through the reader."""
    readers = {fq.rsplit(".", 1)[1]: fq for fq in attr.readers if model.functions[fq][1].extra.get("returns")}
    classes = {fq.rsplit(".", 1)[0] for fq in readers.values()}
    out = []
    for fq in (m for cls in sorted(classes) for m in model.functions_under(f"{cls}.")):
        func = model.functions[fq][1]
        loops = [line for line, info in func.extra.get("loops", {}).items() if isinstance(info.get("iter"), dict)
                 and str(info["iter"].get("call", "")).split(".")[:1] == ["self"]
                 and str(info["iter"]["call"]).split(".")[-1] in readers and str(info["iter"]["call"]).count(".") == 1]
        if loops and any(site.func and site.func[-1] in SOCKET_SENDS and site.loop_line in loops
                         for site in func.calls):
            out.append(fq)
    return out


def module_senders(model: ProjectModel, state: ModuleState) -> list[str]:
    """The functions of the registry's module that read it and send to (or queue for) every
    socket in a loop; its writers are left out, since a handler registering its socket sends on
    that socket alone."""
    own = set(state.writers())
    return sorted(fq for fq in model.functions_under(f"{state.module}.") if fq not in own
                  and model.functions[fq][0].module == state.module and reads(model, fq, state)
                  and (_sends(model, fq, looped=True) or _queues_to_each(model, fq)))


def exclusive(model: ProjectModel, entry) -> bool:
    """The background work runs in one process only: a separate worker program, or work claimed
    before it is done (a distributed lock, `FOR UPDATE SKIP LOCKED`). A poll every replica repeats
    and delivers to its own sockets is a per-process fan-out that reaches every client."""
    if not in_served_process(model, entry):
        return True
    return any(lock_lines(model, fq) or claims_rows(model, fq) for fq in forward(model, [entry.function]))


def socket_registry(model: ProjectModel, text: str) -> bool:
    """The declaration holds WebSockets, or objects of a project class built around one
    (`dict[int, FeedClient]` whose `__init__` takes a `WebSocket`)."""
    return "WebSocket" in text or declares_connection_class(model, text)


def connection_registry(model: ProjectModel, class_fq: str, attr: InstanceState) -> bool:
    """The attribute holds the process's connections: bound to sockets where it is set up, or
    filled by WebSocket handlers with per-connection state."""
    return bool(attr.init_line) and (socket_registry(model, model.line_text(attr.init_path, attr.init_line))
                                     or _socket_subscriptions(model, class_fq, attr.attr))


def _socket_subscriptions(model: ProjectModel, class_fq: str, attr: str) -> bool:
    """WebSocket handlers register per-connection state in this container (`queue =
    hub.subscribe(order_id)`, the queue kept in `self._subscribers`): a registry of connections
    even though it holds their queues, not the sockets."""
    held = model.memo("scalability.socket_subscriptions", lambda: {
        reg.holds for handler in ws_handlers(model) for reg in handler.registrations if reg.holds})
    return f"{class_fq.rsplit('.', 1)[-1]}.{attr}" in held


def _queues_to_each(model: ProjectModel, fq: str) -> bool:
    """The function hands a message to each registered connection's own queue
    (`for c in self.clients.values(): c.queue.put_nowait(event)`, `for queue in self._subs[key]:
    queue.put_nowait(event)`), which the connection pumps out."""
    return any(site.func and len(site.func) >= 2 and site.func[-1] in ("put", "put_nowait") and site.loop_line
               and site.func[0] != "self" for site in model.functions[fq][1].calls)


def _delivers_to_entry(model: ProjectModel, fq: str, attr: InstanceState) -> bool:
    """The method looks one connection up in the registry (`conn = self._devices.get(key)`) and
    hands it the message through a method of the connection's own class (`conn.offer(message)`)
    that queues it for the socket's writer or sends on the socket: a send to one client."""
    func = model.functions[fq][1]
    def reads_registry(bound: object) -> bool:
        chain = str(bound.get("call") or bound.get("ref") or "") if isinstance(bound, dict) else ""
        return chain.split("[", 1)[0].split(".")[:2] == ["self", attr.attr]
    looked_up = {local for local, bound in func.local_types.items() if reads_registry(bound)}
    for loop in func.extra.get("loops", {}).values():  # `for conn in self._devices.values()`
        if reads_registry(loop.get("iter")):
            looked_up |= set(str(loop.get("target") or "").split(",")) - {""}
    if not looked_up:
        return False
    # the declaration's first line only (`self._devices: dict[str, DeviceConn] = {}`)
    held = TYPE_NAME.findall(model.line_text(attr.init_path, attr.init_line).split("=", 1)[0])
    classes = [cls for name in dict.fromkeys(held) for cls in model.classes_named(name)]
    return any(site.func and len(site.func) == 2 and site.func[0] in looked_up
               and any(_hands_to_socket(model, f"{cls}.{site.func[1]}") for cls in classes)
               for site in func.calls)


def _hands_to_socket(model: ProjectModel, method: str) -> bool:
    """A connection's method that sends on its socket or puts into its own queue (`self.outbox.put_nowait`)."""
    found = model.functions.get(method)
    return found is not None and any(
        site.func and len(site.func) == 3 and site.func[0] == "self"
        and (site.func[2] in ("put", "put_nowait") or site.func[2] in SOCKET_SENDS) for site in found[1].calls)


# reads every replica makes of the same channel or stream; a consumer group (`xreadgroup`) hands each
# entry to one consumer, so the replica reading it holds only its own sockets
_CONSUMES_CHANNEL = frozenset({"subscribe", "psubscribe", "listen", "get_message", "xread"})


def broadcast_triggers(model: ProjectModel, senders: list[str], driven: dict[str, str]) -> tuple[list, list, bool]:
    """(entries, hand-offs, relayed) behind the senders: the requests reaching them (else the workers
    of `_worker_sends`), the looped senders a request hands its work to (over an in-process queue,
    or as a task it starts: `create_task(hub.publish(load_id, fix))`), and whether a channel relay
    feeds the registry too (then the trigger bypasses the relay)."""
    reaching = entries_reaching(model, set(senders), limit=20)
    http = [(e, chain) for e, chain in reaching if e.kind in REQUESTS] or _worker_sends(model, reaching, set(senders))
    handed = [(fq, driven[fq]) for fq in senders if _sends(model, fq, looped=True) and ", then " in driven.get(fq, "")]
    handed += [(fq, driven[fq]) for fq in senders if fq in driven and (fq, driven[fq]) not in handed
               and any(e.kind == "task" and e.function == fq for e, _c in reaching)]  # `create_task(hub.publish(..))`
    relayed = bool(http or handed) and any(e.kind in ("task", "worker") and fed_by_channel(model, e, chain)
                                           for e, chain in reaching)
    return http, handed, relayed


def _worker_sends(model: ProjectModel, reaching: list, senders: set[str]) -> list:
    """Background workers that pick work from a shared source (a table, a queue) and send it to
    a socket looked up in this process's registry: the socket may be open on another replica.
    A worker fed by a pub/sub channel or stream (the fan-out every replica runs) is the cure,
    and a task that only runs the send itself is a hand-off, not a trigger."""
    out = []
    for entry, chain in reaching:
        if entry.kind not in ("task", "worker") or entry.function in senders:
            continue
        if not fed_by_channel(model, entry, chain):
            out.append((entry, chain))
    return out


def fed_by_channel(model: ProjectModel, entry, chain) -> bool:
    """The task reads a pub/sub channel or stream on its way to the send (itself, a function on the
    chain, or a method of its class that fills the queue it drains): the fan-out every replica runs."""
    fqs = {entry.function, *(edge.caller for edge in chain),
           *(edge.target.name for edge in chain if edge.target.name in model.functions)}
    fqs |= _queue_feeders(model, fqs)
    return any(site.func and site.func[-1] in _CONSUMES_CHANNEL for fq in fqs for site in model.functions[fq][1].calls)


def _queue_feeders(model: ProjectModel, fqs: set[str]) -> set[str]:
    """Methods of the same class that put into a queue attribute these functions take from
    (`await self._events.get()`), and those that put through such a method (`self._offer(message)`
    in the listener): a worker draining what a channel listener queued is fed by that channel."""
    feeders: set[str] = set()
    for fq in fqs:
        facts, func = model.functions[fq]
        taken = {chain[1] for chain in _self_calls(func, 3) if chain[2] in ("get", "get_nowait")}
        if not taken or not func.class_name:
            continue
        methods = list(model.functions_under(f"{facts.module}.{func.class_name}."))
        putters = {other for other in methods if any(
            chain[1] in taken and chain[2] in ("put", "put_nowait") for chain in _self_calls(model.functions[other][1], 3))}
        names = {putter.rsplit(".", 1)[-1] for putter in putters}
        feeders |= putters | {other for other in methods
                              if any(chain[1] in names for chain in _self_calls(model.functions[other][1], 2))}
    return feeders


def _self_calls(func, length: int):
    """The dotted callees of `func` that are `self.<...>` chains of `length` parts."""
    return (site.func for site in func.calls if site.func and len(site.func) == length and site.func[0] == "self")


def _sends(model: ProjectModel, fq: str, looped: bool = False) -> bool:
    """The function sends on a socket (inside a loop over several, when `looped`)."""
    return any(site.func and site.func[-1] in SOCKET_SENDS and (site.loop_line or not looped)
               for site in model.functions[fq][1].calls)


def _prunes_while_sending(model: ProjectModel, fq: str, attr: InstanceState) -> bool:
    """The method reads the registry apart from its own writes (`clients = list(self._clients)`) and
    sends in a loop to sockets it did not receive as a parameter (`ws.send_json(event) for ws in
    clients`), dropping the ones that failed (`self._clients.discard(ws)`): a fan-out that also
    prunes, not a handler registering and greeting its own socket."""
    func = model.functions[fq][1]
    read = func.extra.get("self_reads", {}).get(attr.attr)
    if not read or read in {line for writer, line in attr.writes if writer == fq}:
        return False
    params = {p.name for p in func.params}
    return any(site.func and site.func[-1] in SOCKET_SENDS and site.loop_line and len(site.func) == 2
               and site.func[0] not in params for site in func.calls)


def _sends_each_through(model: ProjectModel, fq: str, attr: str) -> bool:
    """In a `for` loop over the registry (`for ws in list(self._subs.get(key, ()))`), the function
    hands each socket to a method of its own class that sends on it (`create_task(self._send(key,
    ws, event))`): the fan-out is still this function's."""
    func = model.functions[fq][1]
    loops = func.extra.get("loops", {})
    chain = ("self", attr)
    for edge in model.edges.get(fq, ()):
        callee, line = edge.target.name, edge.site.loop_line
        info = loops.get(line, {})
        if edge.target.kind != "function" or info.get("kind") not in ("for", "comp") or callee == fq \
                or callee.rsplit(".", 1)[0] != fq.rsplit(".", 1)[0] or callee not in model.functions:
            continue
        over = str((info.get("iter") or {}).get("ref", "") if isinstance(info.get("iter"), dict) else "")
        copied = func.local_types.get(over)  # `targets = list(self._subs.items())`, then a loop over targets
        lines = {line, copied.get("line")} if isinstance(copied, dict) else {line}
        registry = over.startswith(f"self.{attr}") or any(
            site.line in lines and site.func and site.func[:2] == chain for site in func.calls)
        targets = set(str(info.get("target") or "").split(",")) - {""}
        item = any(isinstance(a, dict) and a.get("ref") in targets for a in edge.site.args)
        if registry and item and _sends(model, callee):
            return True
    return False
