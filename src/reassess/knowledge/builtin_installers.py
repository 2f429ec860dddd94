"""Calls that put names into `builtins` for the whole process, so that every module of the
program can use them without binding them: gettext's `install` binds `_` (and, with `names=`,
the other lookups it lists) once, and from then on `_("...")` works everywhere."""
from __future__ import annotations

# `gettext.install(domain, localedir=None, *, names=None)`
INSTALL_FUNCTIONS = frozenset({"gettext.install"})
# what has an `install(names=None)` method: the translation classes and what returns one
TRANSLATIONS = frozenset({
    "gettext.translation", "gettext.NullTranslations", "gettext.GNUTranslations",
})
# `install` always binds `_`; `names=` may add these (the stdlib ignores any other name)
ALWAYS_INSTALLED = "_"
NAMES_OPTION = frozenset({"gettext", "ngettext", "pgettext", "npgettext", "lgettext", "lngettext"})
# the module whose attributes are the builtins (`builtins._ = ...`, `setattr(builtins, "_", ...)`)
BUILTINS_MODULE = "builtins"
