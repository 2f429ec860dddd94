"""`registry` here is the instance the package's star import rebinds, not the submodule."""
from svc.settings import defaults, registry

NAME = registry.text("NAME", "svc")
TIMEOUT = defaults.TIMEOUT
RETRIES = defaults.RETRIES  # expect: undefined-name
LIMITS = defaults.load_limits()  # expect: wrong-call
