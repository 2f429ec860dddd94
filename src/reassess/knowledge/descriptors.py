"""Library classes that are descriptors: a class attribute holding one (or an instance of a project
class derived from one) is not what an instance or the class hands back when the attribute is read
(`class Setting(property)`: `obj.setting` runs the getter). Canonical dotted names, as the model
resolves a class base."""
from __future__ import annotations

DESCRIPTOR_TYPES = frozenset({
    "builtins.property", "builtins.classmethod", "builtins.staticmethod",
    "functools.cached_property", "django.utils.functional.cached_property",
    "werkzeug.utils.cached_property", "cached_property.cached_property",
})
