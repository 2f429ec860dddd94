"""PDF text extraction on a page whose type the resolver cannot follow (`for page in
reader.pages: page.extract_text()`): the method name plus the module's import of the library
that defines it identify the call."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import PDF_TEXT_METHODS, Blocking, cpu_heavy

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_PDF_LIBRARIES = frozenset(lib for libs in PDF_TEXT_METHODS.values() for lib in libs)


def pdf_text_extraction(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """DOC work when an unresolved `x.extract_text()` sits in a module importing pypdf & co."""
    func = edge.site.func
    if edge.target.kind != "unresolved" or not func or len(func) < 2 or func[-1] not in PDF_TEXT_METHODS:
        return None
    module = model.functions[edge.caller][0].module
    imported = model.memo("pdf-libraries-imported", lambda: _imports(model)).get(module, frozenset())
    library = next((lib for lib in PDF_TEXT_METHODS[func[-1]] if lib in imported), None)
    return cpu_heavy("pypdf.PageObject.extract_text") if library else None


def _imports(model: "ProjectModel") -> dict[str, frozenset[str]]:
    """The PDF libraries each module imports (once per run)."""
    found: dict[str, frozenset[str]] = {}
    for module, bindings in model.bindings.items():
        roots = {b.target.split(".", 1)[0] for b in bindings.values() if b.kind == "import"} & _PDF_LIBRARIES
        if roots:
            found[module] = frozenset(roots)
    return found
