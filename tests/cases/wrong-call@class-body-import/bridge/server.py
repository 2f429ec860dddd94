"""A protocol bridge whose optional dependency is imported in the class body."""
from __future__ import annotations


class ToolBridge:
    # imported here so the package imports without the optional extra installed
    try:
        from xml.sax.saxutils import escape
        import json as codec
    except ImportError:
        pass

    def __init__(self, name: str) -> None:
        self.name = name

    def render(self, payload: dict) -> str:
        return self.escape(self.codec.dumps(payload))  # class attributes bound by the imports

    def describe(self) -> str:
        return self.describe_tools()  # expect: wrong-call
