"""The package re-exports its `registry` module's names, among them the `registry` instance."""
from svc.settings.registry import *
