"""Markdown renderers for the architecture report's system overview sections.

Each function takes the Result and returns the section body (no heading), rendered only
from `result.components` and `result.system` (flows, inventories, scorecard): nothing is
computed here that the model did not compute.
"""
from __future__ import annotations

from typing import Any

from ..result import Result
from .coverage import coverage_lines
from .markdown import fence, table

_WIDTH = 100
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("Clients", ("client",)),
    ("Middleware (outermost first)", ("middleware",)),
    ("Route groups", ("route-group",)),
    ("WebSocket endpoints", ("websocket",)),
    ("Lifespan / startup", ("lifespan",)),
    ("Background workers", ("worker",)),
    ("Services", ("service",)),
    ("Data layer", ("data-layer",)),
    ("In-process queues", ("queue",)),
    ("Data stores and caches", ("database", "cache", "broker", "search", "storage")),
    ("External services", ("external-service",)),
]


def _inv(result: Result, key: str, default: Any = None) -> Any:
    return result.system.get("inventories", {}).get(key, default)


def _names(result: Result) -> dict[str, str]:
    return {c["id"]: c["name"] for c in result.components}


# ----- component diagram -----------------------------------------------------------------------
def component_diagram(result: Result) -> str:
    if not result.components:
        return "No entry points, services or resources were found, so there is no component diagram."
    counts = _counts(result)
    text = _text_diagram(result)
    mermaid = _mermaid(result)
    legend = ("Every box below is a component found in the code and every arrow (`-->`) is a call the "
              "call graph resolves (helpers that belong to no component are followed through); "
              "nothing is drawn from names alone.")
    return "\n".join([counts, "", legend, "", fence(text, "text"), "", "The same graph as Mermaid:", "",
                      fence(mermaid, "mermaid")])


def _counts(result: Result) -> str:
    by_kind: dict[str, int] = {}
    for comp in result.components:
        by_kind[comp["kind"]] = by_kind.get(comp["kind"], 0) + 1
    routes = len(_inv(result, "routes", []))
    # one endpoint per handler class and path, as the model counts them (`websocket_endpoint`):
    # the inventory lists a class's `open`/`on_message`/`on_close` apart
    sockets = result.system.get("examined", {}).get("websocket endpoints", 0)
    parts = [f"{routes} HTTP routes in {by_kind.get('route-group', 0)} route groups",
             f"{sockets} websocket endpoints", _background_counts(result),
             f"{by_kind.get('service', 0)} services", f"{by_kind.get('data-layer', 0)} data-layer components",
             f"{sum(by_kind.get(k, 0) for k in ('database', 'cache', 'broker', 'search', 'storage'))} data stores",
             f"{by_kind.get('external-service', 0)} external services"]
    return "Found " + ", ".join(parts) + "."


def _background_counts(result: Result) -> str:
    """Long-running workers, jobs and coroutines started as tasks, each counted once per function
    (the inventory lists every start site; a task is not a worker)."""
    functions: dict[str, set[str]] = {"worker": set(), "job": set(), "task": set()}
    for entry in _inv(result, "workers", []):
        functions.setdefault(entry.get("kind", ""), set()).add(entry.get("function") or entry.get("name", ""))
    workers, jobs = len(functions["worker"]), len(functions["job"])
    tasks = len(functions["task"] - functions["worker"] - functions["job"])
    return (f"{workers} background worker{'s' if workers != 1 else ''}, {jobs} scheduled or queued "
            f"job{'s' if jobs != 1 else ''}, {tasks} other coroutine{'s' if tasks != 1 else ''} started as tasks")


def _label(comp: dict[str, Any]) -> str:
    details = comp.get("details", {})
    if comp["kind"] == "route-group":
        extra = f"{details.get('routes', 0)} routes"
        if details.get("threadpool"):
            extra += f", {details['threadpool']} sync (threadpool)"
        if not details.get("mounted", True):
            extra += ", mount not resolved"
        return f"{comp['name']} [{extra}]"
    if comp["kind"] == "client":
        return comp["name"]
    if comp["kind"] == "queue":
        return f"{comp['name']} [{'bounded' if details.get('bounded') else 'unbounded'}]"
    where = comp["paths"][0] if comp.get("paths") else ""
    return f"{comp['name']} ({where})" if where and comp["kind"] not in ("database", "cache", "broker",
                                                                        "search", "storage", "external-service") \
        else comp["name"]


def _text_diagram(result: Result) -> str:
    names = _names(result)
    group_names = {c["name"] for c in result.components if c["kind"] == "route-group"}
    blocks: list[str] = []
    for title, kinds in LAYERS:
        members = [c for c in result.components if c["kind"] in kinds]
        if kinds == ("middleware",):
            members.sort(key=lambda c: -c.get("details", {}).get("order", 0))
        if not members:
            continue
        rows = []
        for comp in members:
            targets = [names[u] for u in comp.get("uses", []) if u in names]
            rows.append((_label(comp), _short_targets(targets, group_names)))
        blocks.append(_box(title, rows))
    return "\n\n".join(blocks)


def _short_targets(targets: list[str], group_names: set[str]) -> str:
    """The targets, with "all N route groups" for a component that uses every route group."""
    if len(group_names) > 2 and group_names <= set(targets):
        targets = [t for t in targets if t not in group_names] + [f"all {len(group_names)} route groups"]
    return ", ".join(targets)


def _box(title: str, rows: list[tuple[str, str]]) -> str:
    label_width = min(max(len(label) for label, _ in rows), 56)
    lines: list[str] = []
    for label, targets in rows:
        if not targets:
            lines.append(label)
            continue
        if len(label) > label_width:
            lines.append(label)
            label = ""
        lines += _wrap(f"{label.ljust(label_width)}  --> ", targets, _WIDTH - 4)
    width = max([len(line) for line in lines] + [len(title) + 6])
    top = f"+-- {title} " + "-" * max(0, width - len(title) - 3) + "+"
    body = [f"| {line.ljust(width)} |" for line in lines]
    return "\n".join([top, *body, "+" + "-" * (width + 2) + "+"])


def _wrap(head: str, text: str, width: int) -> list[str]:
    out, current = [], head
    indent = " " * len(head)
    for word in text.split(", "):
        piece = word if current in (head, indent) else ", " + word
        if len(current) + len(piece) > width and current not in (head, indent):
            out.append(current + ",")
            current = indent + word
        else:
            current += piece
    out.append(current)
    return out


def _mermaid(result: Result) -> str:
    ids = {comp["id"]: f"c{index}" for index, comp in enumerate(result.components)}
    lines = ["flowchart TD"]
    layer_members: dict[str, list[str]] = {}
    for number, (title, kinds) in enumerate(LAYERS):
        members = [c for c in result.components if c["kind"] in kinds]
        if not members:
            continue
        sub = f"L{number}"
        layer_members[sub] = [c["id"] for c in members]
        lines.append(f'  subgraph {sub}["{_esc(title)}"]')
        lines += [f'    {ids[c["id"]]}["{_esc(_label(c))}"]' for c in members]
        lines.append("  end")
    for comp in result.components:
        uses = [u for u in comp.get("uses", []) if u in ids]
        for sub, members in layer_members.items():
            if len(members) > 2 and set(members) <= set(uses):
                lines.append(f"  {ids[comp['id']]} --> {sub}")
                uses = [u for u in uses if u not in members]
        lines += [f"  {ids[comp['id']]} --> {ids[u]}" for u in uses]
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


# ----- data flows ------------------------------------------------------------------------------
def data_flows(result: Result) -> str:
    flows = result.system.get("flows", [])
    if not flows:
        return "No flow from an entry point to a database, cache or external service was found."
    names = _names(result)
    request = _representative([f for f in flows if f["kind"] == "request"], names)
    streaming = [f for f in flows if f["kind"] == "streaming"]
    background = _own_background(flows)
    out = [f"{len(flows)} flows were traced from entry points to the resource calls they reach "
           "(all are in findings.json under `flows`). Each step is a real function with its file and "
           "definition line; \"calls at\" is the line that makes the next step's call.", ""]
    if request:
        out += ["#### Request flows", "",
                "One flow per route group: the route whose chain crosses the most components.", ""]
        out += [_flow_text(f, names) for f in request]
    if streaming:
        out += ["#### Streaming flows", ""] + [_flow_text(f, names) for f in streaming]
    if background:
        out += ["#### Background flows", ""] + [_flow_text(f, names) for f in background]
    return "\n".join(out).rstrip()


def _own_background(flows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Background flows, without those that pass through another worker's entry (a worker that
    starts another: the started one's own flow shows that path)."""
    background = [f for f in flows if f["kind"] == "background"]
    entries = {f["entry"] for f in background}
    return [f for f in background
            if not any(s.get("function") in entries - {f["entry"]} for s in f["steps"][1:])]


def _representative(flows: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    best: dict[str, dict[str, Any]] = {}
    for flow in flows:
        group = flow["components"][0] if flow["components"] else flow["name"]
        score = (len(flow["components"]), len(flow["steps"]))
        current = best.get(group)
        if current is None or score > (len(current["components"]), len(current["steps"])):
            best[group] = flow
    return [best[k] for k in sorted(best, key=lambda g: names.get(g, g))]


def _flow_text(flow: dict[str, Any], names: dict[str, str]) -> str:
    lines = [f"**{flow['name']}**", ""]
    for number, step in enumerate(flow["steps"], 1):
        lines.append(f"{number}. {_step_text(step, names)}")
    sink = flow.get("sink")
    if sink:
        lines.append(f"{len(flow['steps']) + 1}. {sink['resource']}: `{sink['factory']}` "
                     f"`.{sink['call']}()` at `{sink['path']}:{sink['line']}` "
                     f"(created at `{sink['created_at']}`)" if sink["call"] != "call" else
                     f"{len(flow['steps']) + 1}. {sink['resource']}: `{sink['factory']}(...)` at "
                     f"`{sink['path']}:{sink['line']}`")
    return "\n".join(lines) + "\n"


def _step_text(step: dict[str, Any], names: dict[str, str]) -> str:
    if "queue" in step:
        return (f"queue `{step['queue']}` created at `{step['path']}:{step['line']}` "
                f"(maxsize {step.get('maxsize', '?')})")
    where = f"`{step['path']}:{step['line']}`"
    comp = names.get(step.get("component", ""), "")
    text = f"`{step['label']}` ({where}{', ' + comp if comp else ''})"
    if step.get("call_line"):
        text += f", calls at line {step['call_line']}"
    if step.get("via"):
        text += f" [{step['via']}]"
    return text


# ----- inventories -----------------------------------------------------------------------------
def stateful_components(result: Result) -> str:
    rows = _inv(result, "stateful_components", [])
    if not rows:
        return "No components were found to classify."
    stateful = [r for r in rows if r["stateful"]]
    stateless = [r["component"] for r in rows if not r["stateful"]]
    out = [f"{len(stateful)} of {len(rows)} components keep in-process state that they change at run "
           "time (lost on restart, not shared between replicas); the others are stateless.", ""]
    if stateful:
        body = []
        for row in stateful:
            state = "; ".join(f"`{s['name']}` ({s['writes']} write{'s' if s['writes'] != 1 else ''}, first at "
                              f"`{s['path']}:{s['line']}`)" for s in row["state"][:6])
            if len(row["state"]) > 6:
                state += f"; and {len(row['state']) - 6} more"
            body.append((row["component"], row["kind"], state))
        out += [table(["Stateful component", "Kind", "State changed at run time"], body), ""]
    if stateless:
        out.append("Stateless: " + ", ".join(stateless) + ".")
    return "\n".join(out).rstrip()


def single_points_of_failure(result: Result) -> str:
    rows = _inv(result, "single_points_of_failure", [])
    if not rows:
        return "No database, cache or external service was found."
    body = []
    for row in rows:
        body.append((row["dependency"], row["kind"], row["instances"], f"{row['routes']}/{row['routes_total']}",
                     row["websockets"], row["workers"], "yes" if row["probed_by_health_check"] else "no",
                     ", ".join(f"`{w}`" for w in row["unbounded_calls"]) or "none"))
    return "\n".join([
        "Each dependency below is a single configured address (one pool/client per creation site): "
        "when it is down or slow, the entry points counted here fail or wait.", "",
        table(["Dependency", "Kind", "Creation sites", "Routes depending", "WebSockets", "Workers",
               "Health-checked", "Calls with no effective timeout"], body)])


def timeout_inventory(result: Result) -> str:
    rows = _inv(result, "timeouts", [])
    if not rows:
        return "No pool, client or external call was found."
    body, notes = [], []
    for row in rows:
        if row["scope"] == "summary":
            verb = "uses" if row["what"].startswith("1 other call ") else "use"
            notes.append(f"- `{row['where']}`: {row['what']} {verb} the client's configuration above.")
            continue
        body.append((f"`{row['where']}`", row["what"], row["target"], row["phase"], row["configured"],
                     row["default"], _effective(row)))
    judged = [r for r in rows if r["scope"] != "summary" and r["bounded"] is not None]
    unbounded = sum(1 for r in judged if r["bounded"] is False)
    out = [f"{len(body)} timeouts on pools, clients and call sites; {unbounded} of them end up with no limit. "
           "\"Effective\" applies the library default where nothing is written.", "",
           table(["Where", "Call", "Target", "Phase", "Configured", "Library default", "Effective"], body)]
    if notes:
        out += ["", *notes]
    return "\n".join(out)


def _effective(row: dict[str, Any]) -> str:
    return f"**{row['effective']}**" if row["bounded"] is False else row["effective"]


def health_checks(result: Result) -> str:
    health = _inv(result, "health_checks")
    if not health:
        return "No health check analysis was run."
    if not health["endpoints"]:
        deps = ", ".join(health["dependencies"]) or "none"
        return f"No health or readiness endpoint was found. Dependencies a readiness probe should check: {deps}."
    body = []
    for ep in health["endpoints"]:
        probes = ", ".join(ep["probes"]) if ep["probes"] else "nothing (static response)"
        body.append((f"{','.join(ep['methods'])} {ep['route']}", f"`{ep['path']}:{ep['line']}`", ep["kind"], probes,
                     "yes" if ep["bounded"] else "no"))
    out = [table(["Endpoint", "Handler", "Serves as", "Really probes", "Probe bounded by a timeout"], body), ""]
    if health["unprobed"]:
        out.append(f"Not probed by any health endpoint: {', '.join(health['unprobed'])}.")
    else:
        out.append("Every dependency found is probed by a health endpoint.")
    out.append(f"Liveness endpoint: {'yes' if health['has_liveness'] else 'no'}; readiness endpoint that probes a "
               f"dependency: {'yes' if health['has_readiness'] else 'no'}.")
    return "\n".join(out)


def observability(result: Result) -> str:
    obs = _inv(result, "observability")
    if not obs:
        return "No observability analysis was run."
    silent = obs["except_silent"]
    lines = [
        f"- Logging setup: {_where(obs['logging_setup']) or 'none found (no basicConfig/dictConfig/structlog setup)'}.",
        f"- Modules with a module logger: {obs['modules_with_logger']} of "
        f"{obs['modules']} modules that define functions.",
        f"- Entry points that log (in the handler or one call down): {obs['entry_points_logging']} of "
        f"{obs['entry_points']}.",
        f"- Except blocks: {obs['except_handlers']}; {obs['except_logged']} log, {obs['except_reraised']} re-raise "
        f"without logging, {len(silent)} do neither{': ' + _where(silent) if silent else ''}.",
        f"- `print()` instead of logging: {_where(obs['print_calls']) or 'none'}.",
        f"- Metrics hooks: {', '.join(obs['metrics']) or 'none'}"
        f"{'; metrics routes ' + ', '.join(obs['metrics_routes']) if obs['metrics_routes'] else ''}.",
        f"- Distributed tracing: {', '.join(obs['tracing']) or 'none'}.",
        f"- Correlation / request ids: {_where(obs['correlation_ids']) or 'none found'}.",
    ]
    return "\n".join(lines)


def _where(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(f"`{item}`" for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def worker_coordination(result: Result) -> str:
    rows = _inv(result, "worker_coordination", [])
    if not rows:
        return "No background workers, jobs or startup tasks were found."
    body = []
    for row in rows:
        loop = row["interval"] and f"sleeps {row['interval']}" or (row["stream"] and f"reads `{row['stream']}`") or \
            ("loop, no sleep" if row["loop"] else "one-shot")
        if row["in_every_replica"]:
            where = "every replica (started in the web process)"
        elif row["kind"] == "job":
            where = f"{row['framework']} job runner" if row["framework"] else "job runner"
        else:
            where = "web process, started at run time"
        coordination = "; ".join(row["coordination"]) or "none"
        body.append((f"`{row['function'].rsplit('.', 2)[-2] + '.' + row['function'].rsplit('.', 1)[-1]}`",
                     f"`{row['started_at']}`" if row["started_at"] else "", where, loop,
                     ", ".join(row["touches"]) or "nothing external", coordination,
                     "n/a" if row["kind"] == "job" else "yes" if row["kept_reference"] else "no"))
    replicated = sum(1 for r in rows if r["in_every_replica"] and not r["coordination"])
    return "\n".join([
        f"{len(rows)} background workers/jobs; {replicated} run in every replica of the web process with no "
        "distributed lock, so N replicas do the same work N times.", "",
        table(["Worker", "Started at", "Runs in", "Loop", "Touches", "Coordination", "Task reference kept"], body)])


def scorecard(result: Result) -> str:
    rows = result.system.get("scorecard", [])
    if not rows:
        return ""
    body = [(row["area"], "n/a" if row["score"] is None else f"{row['score']}/{row['max']}", row["basis"])
            for row in rows]
    return "\n".join(["Each score is computed from the counts shown beside it.", "",
                      table(["Area", "Score", "Computed from"], body)])


# ----- framework coverage ------------------------------------------------------------------------
def framework_coverage(result: Result) -> str:
    """The coverage sentences as a paragraph list (empty when the run has none)."""
    return "\n".join(f"- {line}" for line in coverage_lines(result))
