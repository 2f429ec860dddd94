"""Reads of the process environment: the calls that return one variable's value (resolved names,
`os.getenv` and `os.environ.get` as written or imported), and the configuration readers that take a
variable's name and a default the same way."""
from __future__ import annotations

# read one variable, falling back to a default when it is unset
ENV_READS = frozenset({"os.getenv", "os.environ.get", "getenv", "environ.get"})
# read one variable, storing the default in the environment when it is unset
ENV_SETDEFAULTS = frozenset({"os.environ.setdefault"})
# `config("X", default=5)`: starlette's Config and python-decouple
CONFIG_READERS = ("starlette.config.Config", "decouple.config", "decouple.AutoConfig")
