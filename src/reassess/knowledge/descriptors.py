"""Library classes that are descriptors: a class attribute holding one (or an instance of a project
class derived from one) is not what an instance or the class hands back when the attribute is read
(`class Setting(property)`: `obj.setting` runs the getter). Canonical dotted names, as the model
resolves a class base; and the decorators that make a method a property."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..facts.types import FunctionFacts

DESCRIPTOR_TYPES = frozenset({
    "builtins.property", "builtins.classmethod", "builtins.staticmethod",
    "functools.cached_property", "django.utils.functional.cached_property",
    "werkzeug.utils.cached_property", "cached_property.cached_property",
})

# Decorators turning a method into a property, by last dotted part (`@property`,
# `@functools.cached_property`): reading the attribute runs the method.
PROPERTY_DECORATORS = frozenset({"property", "cached_property"})


def is_property(func: "FunctionFacts", called: bool = True) -> bool:
    """`func` is a property getter: one of its decorators is a property decorator. With `called`
    false a decorator written as a call (`@cached_property(ttl=5)`) does not count."""
    return any(d.func.rsplit(".", 1)[-1] in PROPERTY_DECORATORS
               for d in func.decorators if called or not d.is_call)
