"""Line counts of one file."""
from __future__ import annotations

from ..facts.types import FileMetrics


def file_line_metrics(lines: list[str]) -> FileMetrics:
    """Total, code, comment and blank lines.

    A comment line is one whose first non-blank character is `#`; docstrings count as code.
    A trailing newline does not make an extra line.
    """
    if lines and lines[-1] == "":
        lines = lines[:-1]
    blank = comment = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            blank += 1
        elif stripped[0] == "#":
            comment += 1
    total = len(lines)
    return FileMetrics(lines=total, code=total - blank - comment, comment=comment, blank=blank)
