"""Whether a call starts its task inside a task group (`group.spawn(job())`), which keeps the
task, cancels it when the group closes and raises its failure where the group is joined: what a
start into one hands back need not be held, and the task is watched."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import CallSite
from ..knowledge.taskgroups import GROUP_STARTS, TASK_GROUPS

if TYPE_CHECKING:
    from .project import ProjectModel


def started_in_group(model: "ProjectModel", caller: str, site: CallSite) -> str:
    """The receiver as written (`self.session.taskgroup`) when `site`, a call of `caller`, starts a
    task through a task group; "" otherwise."""
    chain = site.func or ()
    if len(chain) < 2 or chain[0] == "()" or chain[-1] not in GROUP_STARTS:
        return ""
    return ".".join(chain[:-1]) if group_chain(model, caller, chain[:-1]) else ""


def group_chain(model: "ProjectModel", caller: str, chain: tuple[str, ...]) -> bool:
    """The dotted receiver `chain`, read in function `caller`, is a task group: a library one
    (`asyncio.TaskGroup`, aiorpcx's, anyio's), a project subclass of one, or the attribute a project
    subclass of the owner's declared type sets to one (`self.session.taskgroup` with `session`
    declared as a library session class whose project subclass assigns `self.taskgroup = ...`)."""
    if caller not in model.functions or not chain:
        return False
    facts, func = model.functions[caller]
    found = model.resolver.type_of_chain(facts, func, chain)
    if group_type(model, found):
        return True
    if found is not None and found[0] not in ("ext", "ext_instance", "ext_result"):
        return False  # a project value the resolver knows: its type answers
    owner = model.resolver.type_of_chain(facts, func, chain[:-1]) if len(chain) > 1 else None
    return owner is not None and any(group_type(model, model.resolver.attribute_type(("instance", sub), chain[-1]))
                                     for sub in _project_subclasses(model, owner))


def group_type(model: "ProjectModel", found) -> bool:
    """A resolved type (`("ext", "asyncio.TaskGroup")`, a project class instance) that is a task group."""
    if not found:
        return False
    kind, name = found
    if kind in ("ext", "ext_instance", "ext_result"):
        return name in TASK_GROUPS
    if kind not in ("instance", "class") or name not in model.classes:
        return False
    return any(ext in TASK_GROUPS for ext in model.inherited_library_bases(name))


def _project_subclasses(model: "ProjectModel", owner) -> list[str]:
    """Project classes a value of type `owner` may be: the class and its subclasses, or, for a
    library class, the project classes naming it as a base."""
    kind, name = owner
    if kind in ("instance", "class") and name in model.classes:
        return [name, *model.subclasses(name)]
    if kind not in ("ext", "ext_instance"):
        return []
    return [found for cls_fq in model.library_subclasses(name) for found in (cls_fq, *model.subclasses(cls_fq))]
