"""Which modules the code-review rules judge: the served code, without tests, migrations or
generated files (protobuf/gRPC stubs, files marked "generated ... do not edit")."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..model.app import is_offline_module
from ..source import is_generated as source_is_generated

if TYPE_CHECKING:
    from ..facts.types import ModuleFacts
    from ..model.project import ProjectModel

_ATTR = "_reassess_reviewed_modules"


def is_generated(model: "ProjectModel", facts: "ModuleFacts") -> bool:
    return source_is_generated(facts.path, model.lines(facts.path))


def is_migration(facts: "ModuleFacts") -> bool:
    """A schema migration: by its folder, or by its content (`is_revision`)."""
    parts = facts.path.split("/")
    return "migrations" in parts[:-1] or "versions" in parts[:-1] and "alembic" in parts or \
        parts[-1] == "migrations.py" or is_revision(facts)


def is_revision(facts: "ModuleFacts") -> bool:
    """A schema revision by its content, wherever it lives: an Alembic revision module names its
    `revision` and `down_revision`; a Django migration declares `class Migration`. (A folder
    named `migrations/` may also hold features, such as importers from other apps.)"""
    return "revision" in facts.assigns and "down_revision" in facts.assigns or \
        any(cls.name == "Migration" and any(b.endswith("Migration") for b in cls.bases)
            for cls in facts.classes.values())


def reviewed_modules(model: "ProjectModel") -> Iterator["ModuleFacts"]:
    """Modules of the running system written by hand, by path (worked out once per model)."""
    cached = getattr(model, _ATTR, None)
    if cached is None:
        cached = [model.by_path[path] for path in sorted(model.by_path)
                  if not is_offline_module(model.by_path[path]) and not is_migration(model.by_path[path])
                  and not is_generated(model, model.by_path[path])]
        setattr(model, _ATTR, cached)
    return iter(cached)
