"""RA860 naming: classes, functions and modules that break PEP 8's naming conventions."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...facts.types import ClassFacts, FunctionFacts, ModuleFacts
    from ...model.project import ProjectModel

CAPWORDS = re.compile(r"^_*[A-Z][A-Za-z0-9]*$")
SNAKE = re.compile(r"^_*[a-z0-9][a-z0-9_]*$|^__[a-z0-9_]+__$")
MODULE = re.compile(r"^_*[a-z0-9][a-z0-9_]*$")
# Names other APIs impose: unittest, logging, xml.sax, http.server, ast visitors, Qt/Twisted style.
PROTOCOL_NAMES = frozenset({
    "setUp", "tearDown", "setUpClass", "tearDownClass", "asyncSetUp", "asyncTearDown", "setUpModule",
    "tearDownModule", "addCleanup", "doCleanups", "shortDescription", "countTestCases", "defaultTestResult",
    "formatTime", "formatException", "formatStack", "usesTime", "formatMessage", "getMessage",
    "startDocument", "endDocument", "startElement", "endElement", "startElementNS", "endElementNS", "characters",
    "ignorableWhitespace", "processingInstruction", "setDocumentLocator", "startPrefixMapping",
    "endPrefixMapping", "skippedEntity", "connectionMade", "connectionLost", "dataReceived", "lineReceived",
    "buildProtocol", "clientConnectionFailed", "clientConnectionLost", "startProtocol", "datagramReceived",
})
PROTOCOL_PATTERN = re.compile(r"^(visit|depart|leave|generic_visit)_[A-Za-z0-9_]+$|^do_[A-Z]+$|^[a-z]+Event$")
# External packages whose base classes use camelCase method names.
CAMEL_APIS = ("unittest", "logging", "xml", "twisted", "PyQt5", "PyQt6", "PySide2", "PySide6", "wx", "tkinter",
              "socketserver", "http.server", "ast", "libcst")
DOUBLES = ("Test", "Fake", "Mock", "Stub", "Dummy")
MAX_RELATED = 40


@register
class NonPep8Name(Rule):
    """Class, function, method and module names that break PEP 8's conventions.

    What it finds:
        In the served code (tests, migrations and generated files are left out): classes
        not in CapWords (`order_book`, `Order_Book`), functions and methods not in
        snake_case (`getPrice`, `calcFees`) and module files with capital letters
        (`OrderService.py`). Names other APIs impose are left alone: unittest, logging,
        SAX and Twisted hooks (`setUp`, `formatTime`, `startElement`), visitor methods
        (`visit_FunctionDef`), `do_GET`, any camelCase method of a class derived from
        unittest, logging, xml, Qt, Twisted or ast classes (or from a base the model cannot
        resolve), and methods of test doubles (`Fake*`, `Mock*`, `Test*`, mirroring the API
        they stand in for). Descriptor classes
        (defining `__get__`) may be lower case, like `property`. One finding per module.

    Why it matters:
        Names are how readers tell a class from a function and a constant from a variable
        at a glance; mixed conventions make a codebase look like several, slow reviews and
        invite duplicate helpers under different spellings.

    Example:
        class order_book:
            def getBestBid(self): ...

    Instead:
        class OrderBook:
            def get_best_bid(self): ...

            getBestBid = get_best_bid  # kept for existing callers, to be removed
    """

    id = "RA860"
    name = "naming"
    category = "naming"
    severity = "LOW"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        names = 0
        for facts in reviewed_modules(model):
            found = _module_name(facts)
            for cls in facts.classes.values():
                names += 1
                if not CAPWORDS.match(cls.name) and not _is_descriptor(facts, cls):
                    found.append((cls.line, f"class `{cls.qualname}`", "CapWords", _capwords(cls.name)))
            for func in facts.functions.values():
                names += 1
                if not SNAKE.match(func.name) and not _imposed(model, facts, func):
                    kind = "method" if func.class_name else "function"
                    found.append((func.line, f"{kind} `{func.qualname.split('@')[0]}`", "snake_case",
                                  _snake(func.name)))
            if found:
                yield self._finding(facts, sorted(found))
        ctx.examine("names checked", names)

    def _finding(self, facts: "ModuleFacts", found: list[tuple[int, str, str, str]]) -> Finding:
        line, what, style, better = found[0]
        listed = "; ".join(f"{w} (line {n}) is not {s}: `{b}`" for n, w, s, b in found[:8])
        more = f"; and {len(found) - 8} more" if len(found) > 8 else ""
        old = what.split("`")[1].rsplit(".", 1)[-1]
        folder = facts.path.rsplit("/", 1)[0] + "/" if "/" in facts.path else ""
        if what.startswith("module"):
            new_module = facts.module.rsplit(".", 1)[0] + "." + better if "." in facts.module else better
            code = (f"# git mv {facts.path} {folder}{better}.py, then a shim at the old path:\n"
                    f"from {new_module} import *  # noqa: F401,F403  (old import path, deprecated)")
        else:
            code = (f"{better} = ...  # the definition, renamed\n"
                    f"{old} = {better}  # old name kept for callers, deprecated")
        return self.finding(
            Location(facts.path, line, line),
            f"`{facts.path}`: {plural(len(found), 'name')} against PEP 8 naming",
            f"In `{facts.path}`: {listed}{more}.",
            recommendation=(f"Rename to the PEP 8 form, keeping the old name as an alias until its callers have "
                            f"moved (no breaking change):\n\n```python\n{code}\n```"),
            related=[Location(facts.path, n, n, f"{w}: use `{b}`") for n, w, _, b in found[1:MAX_RELATED]],
        )


def _module_name(facts: "ModuleFacts") -> list[tuple[int, str, str, str]]:
    stem = facts.path.rsplit("/", 1)[-1][:-3]
    if "-" in stem or MODULE.match(stem) or not any(c.isupper() for c in stem):
        return []  # a name with a hyphen is a script, never imported
    return [(1, f"module `{facts.path}`", "lower_case", _snake(stem))]


def _is_descriptor(facts: "ModuleFacts", cls: "ClassFacts") -> bool:
    return "__get__" in cls.methods or "__set_name__" in cls.methods


def _imposed(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts") -> bool:
    """A name another API dictates: a known hook, or a method of a class built on a camelCase API."""
    if func.name in PROTOCOL_NAMES or PROTOCOL_PATTERN.match(func.name):
        return True
    if not func.class_name:
        return False
    if func.class_name.split(".")[0].startswith(DOUBLES):
        return True  # a test double mirrors the API it stands in for
    for class_fq in model.mro(f"{facts.module}.{func.class_name}"):
        owner, cls = model.classes[class_fq]
        for base in cls.bases:
            found = model.resolver.type_of_chain(owner, None, tuple(base.split("."))) if base else None
            name = found[1] if found and found[0] in ("ext", "ext_instance") else ""
            if not found and base:
                return True  # a base the model cannot resolve may impose the name
            if name and name.split(".")[0] in CAMEL_APIS or name.startswith("http.server"):
                return True
    return False


def _snake(name: str) -> str:
    lead = len(name) - len(name.lstrip("_"))
    core = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name[lead:])
    return "_" * lead + re.sub(r"_+", "_", core).lower()


def _capwords(name: str) -> str:
    lead = len(name) - len(name.lstrip("_"))
    return "_" * lead + "".join(part[:1].upper() + part[1:] for part in name[lead:].split("_") if part)
