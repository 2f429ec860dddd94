"""Which functions of a job run outside its locks (RA504, RA506).

A job whose branches take a lock (or claim) only in some of them leaves the others running in
every process. A helper both kinds of branch call (the mail client a locked digest and an
unlocked review both use) runs unlocked too, when an unlocked branch reaches it.
"""
from __future__ import annotations

from ...model.overrides import overrides_of
from ...model.project import ProjectModel
from ...model.resilience.runtime import forward


def outside(model: ProjectModel, reach: set[str], covering: set[str], before: set[str] = frozenset()) -> set[str]:
    """The functions of `reach` that run with no covering function on the way to them: those no
    covering function reaches, those a lock taker calls before it takes its lock (`before`), and
    what they reach without passing through a covering one."""
    overrides = overrides_of(model)
    seen = (reach - forward(model, sorted(covering))) | (before & reach) - covering
    stack = sorted(seen)
    while stack:
        fq = stack.pop()
        for edge in [*model.edges.get(fq, ()), *model.implied_edges(fq)]:
            callee = model.callee_function(edge.target)
            for target in [callee, *overrides.get(callee, ())] if callee else ():
                if target in reach and target not in seen and target not in covering:
                    seen.add(target)
                    stack.append(target)
    return seen
