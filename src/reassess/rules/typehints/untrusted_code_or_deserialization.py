"""RA859 unsafe-conversion: eval/exec of computed text, pickle or unsafe YAML loading of network data."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ...findings import Finding, Location
from ...model.remote import remote_functions
from ...model.resilience.runtime import backend_reach
from ..api import ProjectContext, Rule, register
from ._inputs import Inputs, Origin, served_functions

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

CODE = ("eval", "exec")
DESERIALIZERS = {
    "pickle.loads": "pickle.loads()", "pickle.load": "pickle.load()", "_pickle.loads": "pickle.loads()",
    "dill.loads": "dill.loads()", "cloudpickle.loads": "cloudpickle.loads()", "marshal.loads": "marshal.loads()",
    "jsonpickle.decode": "jsonpickle.decode()", "yaml.load": "yaml.load()", "yaml.unsafe_load": "yaml.unsafe_load()",
    "yaml.load_all": "yaml.load_all()", "yaml.unsafe_load_all": "yaml.unsafe_load_all()",
}
_SAFE_LOADERS = ("SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader")


@register
class UntrustedCodeOrDeserialization(Rule):
    """`eval`/`exec` of text built at run time, and `pickle` or unsafe YAML loading of data
    that comes from the network.

    What it finds:
        In the served code (tests and scripts under `tests/` are left out): `eval()` or
        `exec()` of anything but a string literal; `pickle.loads`/`load` (and `dill`,
        `cloudpickle`, `marshal`, `jsonpickle.decode`) and `yaml.load` with a loader other
        than `SafeLoader`/`BaseLoader` (or `yaml.unsafe_load`) applied to data proved to come
        from a request, a websocket message or an HTTP response. Deserialising files or
        the application's own cache is not reported, nor code run in a function shipped to execute
        remotely (`@modal_app.function(...)`, `@ray.remote`): its body runs in the container built
        for it, nor text of unproved origin run by a source-code tool no served entry point reaches
        (a CLI or SDK function working on `ast` nodes of the user's own file). One finding per call of
        data proved to come from outside; the calls of one function on text of unproved origin are one
        finding, the later calls its related locations, and MEDIUM: the text may well be built from
        checked values (a list of floats turned back into text) the analysis cannot follow.

    Why it matters:
        `eval`/`exec` run whatever the text says with the server's rights; unpickling or
        loading YAML with a full loader constructs arbitrary Python objects, which is
        remote code execution for whoever controls the bytes: the client, or anyone able to
        answer in place of the remote service.

    Example:
        rule = eval(request.query_params["filter"])
        order = pickle.loads(await websocket.receive_bytes())

    Instead:
        Parse data, never code: `ast.literal_eval` for Python literals, `json.loads` or a
        pydantic model for structured data, `yaml.safe_load` for YAML:

            order = OrderMessage.model_validate_json(await websocket.receive_text())
    """

    id = "RA859"
    name = "untrusted-code-or-deserialization"
    category = "unsafe-conversion"
    severity = "HIGH"
    scope = "project"
    base_effort = 2.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        inputs = Inputs(model)
        served = served_functions(model) - remote_functions(model)  # (a remote body runs in its own sandbox)
        unproved: dict[str, list["Edge"]] = {}
        for edge in model.calls_to(*CODE, *DESERIALIZERS):
            if edge.caller not in served or not edge.site.args:
                continue
            value = edge.site.args[0]
            if edge.target.name in CODE:
                origin = None if isinstance(value, str) else inputs.of_value(edge.caller, value, edge.site.line)
                if origin is not None:
                    yield self._code(model, [edge], origin)
                elif not (isinstance(value, str) or _source_tool(model, edge.caller)):
                    unproved.setdefault((edge.caller, _annotation_text(model, edge)), []).append(edge)
            elif _unsafe_loader(edge):
                origin = inputs.of_value(edge.caller, value, edge.site.line)
                if origin is not None:
                    yield self._deserialised(model, edge, origin)
        for (_caller, annotations), edges in unproved.items():  # one finding per function: the calls share one fix
            edges = sorted(edges, key=lambda e: e.site.line)
            yield self._annotations(model, edges) if annotations else self._code(model, edges, None)

    def _annotations(self, model: "ProjectModel", edges: list["Edge"]) -> Finding:
        """`eval()` of type annotations written as strings: text of the developers' own code, not
        input, so no injection; but `eval` resolves the names in the wrong module and runs whatever a
        string annotation holds, where `typing.get_type_hints` resolves them where they were written."""
        edge = edges[0]
        facts, func = model.functions[edge.caller]
        more = [Location(facts.path, e.site.line, e.site.end_line, "annotation text evaluated again")
                for e in edges[1:]]
        return self.finding(
            Location(facts.path, edge.site.line, edge.site.end_line),
            f"`{func.name}` resolves string annotations with `{edge.target.name}()`",
            f"`{edge.caller}` passes the text of a type annotation to `{edge.target.name}()` at line "
            f"{edge.site.line}{_also(edges)}. The text comes from the code's own annotations (`from __future__ "
            "import annotations`, a quoted forward reference), not from a client, so this is no injection; but "
            "`eval` looks the names up in this module's globals, not in the module that wrote the annotation "
            "(a name imported only there fails, or resolves to a different object), and runs any expression "
            "an annotation string holds.",
            recommendation=("Let `typing` resolve annotations in the namespace they were written in:\n\n"
                            "```python\nimport typing\n\nhints = typing.get_type_hints(handler)"
                            "  # instead of eval(annotation)\n```"),
            related=more, severity="LOW",
        )

    def _code(self, model: "ProjectModel", edges: list["Edge"], origin: Origin | None) -> Finding:
        edge = edges[0]
        facts, func = model.functions[edge.caller]
        what = edge.target.name
        more = [Location(facts.path, e.site.line, e.site.end_line, f"`{e.target.name}()` of computed text again")
                for e in edges[1:]]
        text = _argument_text(edge, origin)
        compiles = origin is None and _compiles_trees(model)
        source = (f"the {origin.kind} `{origin.name}`" if origin is not None
                  else "a value computed at run time (text, or code compiled from a syntax tree the project builds; "
                       "its origin could not be proved constant)" if compiles
                  else "text computed at run time (its origin could not be proved constant)")
        return self.finding(
            Location(facts.path, edge.site.line, edge.site.end_line),
            f"`{func.name}` runs `{what}()` on "
            + ('the ' + origin.kind if origin else 'a computed value' if compiles else 'a computed string'),
            f"`{edge.caller}` passes {source} to `{what}()` at line {edge.site.line}"
            f"{_also(edges)}: whatever {'it' if compiles else 'the text'} holds runs as Python code "
            f"{_where(model, edge.caller, origin)}.",
            recommendation=("Parse data instead of running code: `ast.literal_eval` accepts only Python literals "
                            "(numbers, strings, lists, dicts), and a lookup table replaces dynamic names:\n\n"
                            f"```python\nimport ast\n\nvalue = ast.literal_eval({text})"
                            f"  # instead of {what}({text})\n```"
                            + ("\n\nWhere this evaluates an expression language the project compiles itself (a "
                               "rewritten `ast` tree passed to `compile()`), make sure every tree it compiles went "
                               "through the whitelist of node types and names, and evaluate with "
                               "`{\"__builtins__\": {}}` and explicit bindings." if compiles else "")),
            related=_source_locations(facts.path, edge, origin) + more,
            severity="HIGH" if origin is not None else "MEDIUM",  # unproved origin: the text may be sanitised
        )

    def _deserialised(self, model: "ProjectModel", edge: "Edge", origin: Origin) -> Finding:
        facts, func = model.functions[edge.caller]
        what = DESERIALIZERS[edge.target.name]
        text = _argument_text(edge, origin)
        safe = (f"yaml.safe_load({text})" if edge.target.name.startswith("yaml.") else
                f"json.loads({text})  # or a pydantic model: Model.model_validate_json({text})")
        return self.finding(
            Location(facts.path, edge.site.line, edge.site.end_line),
            f"`{func.name}` deserialises the {origin.kind} with `{what}`",
            f"`{edge.caller}` passes the {origin.kind} `{origin.name}` to `{what}` at line {edge.site.line}. "
            f"{what} builds arbitrary Python objects (and so runs code) from the bytes it is given, so whoever "
            f"controls the {origin.kind} can run code in the server process.",
            recommendation=("Exchange data in a format that cannot carry code and validate it:\n\n"
                            f"```python\nvalue = {safe}\n```"),
            related=_source_locations(facts.path, edge, origin),
        )


def _also(edges: list["Edge"]) -> str:
    """The other lines of one function that run computed text, named in the sentence."""
    if len(edges) == 1:
        return ""
    return f" (and {len(edges) - 1} more time{'s' if len(edges) > 2 else ''}, at line" \
        f"{'s' if len(edges) > 2 else ''} {', '.join(str(e.site.line) for e in edges[1:])})"


# where the text of a type annotation is read: `fn.__annotations__`, `spec.annotations`,
# `sig.return_annotation`, `param.annotation`, a `ForwardRef`'s `__forward_arg__`
_ANNOTATION_WORDS = ("annotation", "__forward_arg__")


def _annotation_text(model: "ProjectModel", edge: "Edge") -> bool:
    """The evaluated text is a type annotation: an attribute that holds one (`sig.return_annotation`),
    a local bound to one, or the variable of the loop or comprehension over an annotations mapping
    (`for k, v in spec.annotations.items()`). A parameter merely named so (`resolve(annotation: str)`)
    is text of unknown origin (a tool's uploaded source) and keeps the computed-text finding."""
    value = edge.site.args[0]
    ref = value.get("ref") if isinstance(value, dict) else None
    if not isinstance(ref, str):
        return False
    func = model.functions[edge.caller][1]
    bound = func.local_types.get(ref)
    loops = func.extra.get("loops", {})
    loop = loops.get(edge.site.loop_line, loops.get(str(edge.site.loop_line))) if edge.site.loop_line else None
    if loop and ref in str(loop.get("target", "")).split(","):
        bound = loop.get("iter")
    read = str(bound.get("ref") or bound.get("call") or "") if isinstance(bound, dict) else ""
    attrs = " ".join(text.partition(".")[2] for text in (ref, read))  # a parameter named `annotation` may hold anything
    return any(word in attrs for word in _ANNOTATION_WORDS)


def _source_tool(model: "ProjectModel", fq: str) -> bool:
    """`fq` works on Python syntax trees (calls `ast.*` or takes an `ast` node) and no served entry
    point reaches it: a loader compiling the program's own source file, on the CLI or in the SDK.
    What it runs is code the user wrote and is about to run anyway, not data a client sent."""
    reached = backend_reach(model)
    if reached is None or fq in reached:
        return False
    _facts, func = model.functions[fq]
    return any(p.annotation.startswith("ast.") or "[ast." in p.annotation for p in func.params) or any(
        edge.target.name.startswith("ast.") for edge in model.edges.get(fq, ()))


def _compiles_trees(model: "ProjectModel") -> bool:
    """The project rewrites Python syntax trees (a class deriving from `ast.NodeTransformer`) and
    compiles code with `compile()`: a value `eval` runs may be such a code object, not text."""
    def build() -> bool:
        transforms = any(base.rsplit(".", 1)[-1] == "NodeTransformer"
                         for _facts, cls in model.classes.values() for base in cls.bases)
        return transforms and bool(model.calls_to("compile"))
    return model.memo("compiles_syntax_trees", build)


def _where(model: "ProjectModel", fq: str, origin: Origin | None) -> str:
    """Request data runs in the server; other text there when a served entry point reaches `fq`."""
    if origin is not None or fq in (backend_reach(model) or ()):
        return "inside the server process, with its credentials and its access to the database"
    return "with the rights of the process that runs it"


def _unsafe_loader(edge: "Edge") -> bool:
    """pickle and friends always; `yaml.load` unless its loader is a safe one."""
    name = edge.target.name
    if name not in ("yaml.load", "yaml.load_all"):
        return True
    loader: Any = edge.site.kwargs.get("Loader", edge.site.args[1] if len(edge.site.args) > 1 else None)
    text = loader.get("ref", "") if isinstance(loader, dict) else ""
    return text.rsplit(".", 1)[-1] not in _SAFE_LOADERS


def _argument_text(edge: "Edge", origin: Origin | None) -> str:
    """The argument as the code writes it, when it is a plain name or attribute chain."""
    value = edge.site.args[0]
    if isinstance(value, dict) and "ref" in value and "[]" not in value["ref"]:
        return value["ref"]
    return origin.name if origin is not None else "text"


def _source_locations(path: str, edge: "Edge", origin: Origin | None) -> list[Location]:
    if origin is None:
        return []
    out = [] if origin.source.start_line == edge.site.line and origin.source.path == path else [
        Location(origin.source.path, origin.source.start_line, origin.source.end_line,
                 f"the {origin.kind} is read here")]
    return out + list(origin.hops)
