"""Source-file outline parsers."""
from __future__ import annotations

import re


class Outline:
    """Class and function names found in a JavaScript source."""

    PATTERN = r"class\s+(\w+)"

    def __init__(self, text: str) -> None:
        self.text = text

    def classes(self) -> list[str]:
        found = []
        for cls in re.finditer(self.PATTERN, self.text):
            found.append(cls.group(1))
        return found

    @classmethod
    def from_bytes(cls, data: bytes) -> "Outline":
        return cls.parse(data.decode("utf-8"))  # expect: wrong-call
