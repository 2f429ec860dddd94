"""Data flows as chains of real functions: entry point -> ... -> the call on a resource.

For each route, websocket endpoint and worker, a breadth-first walk over resolved calls
finds the shortest chain to every resource the entry reaches; each step names the
function, its file and definition line, and the line of the call to the next step.
Queues link producers to consumers, giving the streaming flows
(poller -> queue.put ... queue.get -> broadcaster -> websocket clients).
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import EntryPoint
    from .components import ComponentGraph
    from .project import Edge, ProjectModel

_MAX_STEPS = 12
_MAX_VISITED = 5000  # functions visited per entry point: bounds the cost on very large trees


class FlowFinder:
    def __init__(self, model: "ProjectModel", graph: "ComponentGraph") -> None:
        self.model = model
        self.graph = graph
        self._chains: dict[str, dict[str, tuple[list["Edge"], dict]]] = {}

    def chains(self, root: str) -> dict[str, tuple[list["Edge"], dict]]:
        """Resource component id -> (edges from the root to the using function, the use).
        Kept per root: a dependency (`get_db`) is the root of every route that declares it."""
        if root not in self._chains:
            self._chains[root] = self._walk(root)
        return self._chains[root]

    def step(self, fq: str, call_line: int = 0, via: str = "") -> dict[str, Any]:
        facts, func = self.model.functions[fq]
        label = func.qualname.replace(".<locals>.", ".")
        out: dict[str, Any] = {"function": fq, "label": label, "path": facts.path, "line": func.line,
                               "component": self.graph.owner.get(fq, "")}
        if call_line:
            out["call_line"] = call_line
        if via:
            out["via"] = via
        return out

    def _walk(self, root: str) -> dict[str, tuple[list["Edge"], dict]]:
        parents: dict[str, "Edge | None"] = {root: None}
        steps = {root: 0}  # length of the chain from the root (breadth first: the shortest)
        queue = deque([root])
        found: dict[str, tuple[list["Edge"], dict]] = {}
        while queue and len(parents) < _MAX_VISITED:
            current = queue.popleft()
            for resource, op in sorted(self.graph.uses_by_function.get(current, ()),
                                       key=lambda item: item[1].get("line", 0)):
                target = self.graph.resource_component[resource.details["key"]]
                if target not in found and target in self.graph.components:  # a dropped box has no flow
                    found[target] = (self._path(parents, current), {**op, "resource": resource})
            if steps[current] >= _MAX_STEPS:
                continue
            for edge in self.model.edges.get(current, ()):
                callee = self.model.callee_function(edge.target)
                if callee and callee not in parents:
                    parents[callee] = edge
                    steps[callee] = steps[current] + 1
                    queue.append(callee)
        return found

    @staticmethod
    def _path(parents: dict[str, "Edge | None"], fq: str) -> list["Edge"]:
        out: list["Edge"] = []
        while parents.get(fq) is not None:
            edge = parents[fq]
            out.append(edge)
            fq = edge.caller
        return list(reversed(out))

    def flow(self, entry: "EntryPoint", kind: str) -> list[dict[str, Any]]:
        """One flow per resource the entry reaches (its handler and its dependencies)."""
        if entry.function not in self.model.functions:
            return []
        out: list[dict[str, Any]] = []
        roots = [(entry.function, "")] + [(d, "Depends") for d in entry.dependencies if d in self.model.functions]
        seen_targets: set[str] = set()
        for root, via in roots:
            for target, (edges, use) in sorted(self.chains(root).items()):
                if target in seen_targets:
                    continue
                seen_targets.add(target)
                out.append(self._record(entry, kind, root, via, edges, use, target))
        return out

    def _record(self, entry: "EntryPoint", kind: str, root: str, via: str, edges: list["Edge"],
                use: dict, target: str) -> dict[str, Any]:
        steps: list[dict[str, Any]] = []
        if via:
            steps.append(self.step(entry.function, via="FastAPI runs the dependency before the handler"))
        first_line = edges[0].site.line if edges else use.get("line", 0)
        steps.append(self.step(root, first_line, via))
        for index, edge in enumerate(edges):
            callee = self.model.callee_function(edge.target)
            next_line = edges[index + 1].site.line if index + 1 < len(edges) else use.get("line", 0)
            steps.append(self.step(callee, next_line))
        resource = use["resource"]
        sink = {"resource": self.graph.components[target].name, "component": target, "factory": resource.factory,
                "call": use.get("method", ""), "path": steps[-1]["path"], "line": use.get("line", 0),
                "created_at": f"{resource.path}:{resource.line}"}
        return {"name": entry.name, "kind": kind, "entry": entry.function, "entry_kind": entry.kind,
                "route": entry.route, "steps": steps, "sink": sink,
                "components": _distinct([s["component"] for s in steps if s["component"]] + [target])}

    def streams(self) -> list[dict[str, Any]]:
        """Producer -> queue -> consumer chains, extended from the consumer to what it calls."""
        out = []
        for channel in self.model.app.channels:
            for producer in channel["producers"]:
                for consumer in channel["consumers"]:
                    if (producer["function"] not in self.model.functions or
                            consumer["function"] not in self.model.functions):
                        continue
                    steps = [self.step(producer["function"], producer["line"]),
                             {"queue": f"{channel['type']} {channel['binding']}".strip(), "path": channel["path"],
                              "line": channel["line"], "component": f"queue:{channel['key']}",
                              "maxsize": channel["maxsize"]},
                             self.step(consumer["function"], consumer["line"])]
                    steps += self._onward(consumer["function"])
                    out.append({"name": f"{steps[0]['label']} -> {steps[2]['label']}", "kind": "streaming",
                                "entry": producer["function"], "entry_kind": "queue", "route": "", "steps": steps,
                                "sink": None,
                                "components": _distinct([s["component"] for s in steps if s["component"]])})
        return out

    def _onward(self, fq: str) -> list[dict[str, Any]]:
        """The consumer's first calls into other components (e.g. the broadcaster)."""
        out = []
        own = self.graph.owner.get(fq, "")
        for edge in self.model.edges.get(fq, ()):
            callee = self.model.callee_function(edge.target)
            if callee and self.graph.owner.get(callee, "") not in ("", own):
                out.append(self.step(callee, 0, via=f"called at {self.model.functions[fq][0].path}:{edge.site.line}"))
                break
        return out


def _distinct(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
