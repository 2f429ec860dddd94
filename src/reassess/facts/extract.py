"""One walk over a module's tree that produces its `ModuleFacts`.

The walk tracks the context every later question needs (enclosing function and
class, loops, held locks, try blocks, whether a call is awaited or offloaded to a
thread) so that rules and the call graph never walk the tree again. What it records
is split by kind over the recorders in `walkers/`; `FactExtractor` combines them into
one visitor, so each node is still visited once and dispatched by one table look-up.
"""
from __future__ import annotations

import ast

from .types import ModuleFacts
from .walkers.appkeys import AppKeyFacts
from .walkers.bindings import BindingFacts, module_literal_sizes
from .walkers.blocks import BlockFacts
from .walkers.branches import BranchFacts
from .walkers.calls import CONSUMERS, DEFERRERS, OFFLOADERS, CallFacts
from .walkers.definitions import DefinitionFacts
from .walkers.loops import LoopFacts
from .walkers.names import NameFacts
from .walkers.sqltext import SQL_BODY, SQL_START, SqlFacts

__all__ = ["CONSUMERS", "DEFERRERS", "OFFLOADERS", "SQL_BODY", "SQL_START", "FactExtractor", "extract"]


class FactExtractor(DefinitionFacts, BranchFacts, BlockFacts, LoopFacts, CallFacts, AppKeyFacts, BindingFacts,
                    NameFacts, SqlFacts):
    """Builds ModuleFacts; see the module docstring."""


def extract(tree: ast.Module, path: str, module: str, is_package: bool) -> ModuleFacts:
    extractor = FactExtractor(path, module, is_package)
    extractor.module_literals = module_literal_sizes(tree)
    extractor.visit(tree)
    facts = extractor.facts
    imported = {imp.bound for imp in facts.imports}
    facts.attr_refs = [(".".join(chain), line, col, store) for chain, line, col, store in extractor.attr_chains
                       if store or chain[0] in imported]
    extractor.scope_names.finish(facts)
    return facts
