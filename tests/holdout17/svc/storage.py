"""Label files on the shared labels volume."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


class LabelStore:
    def __init__(self, root: str) -> None:
        self._root = Path(root)

    def path_for(self, name: str, extension: str) -> Path:
        return self._root / f"{name}.{extension}"

    def save(self, name: str, extension: str, data: bytes) -> Path:
        path = self.path_for(name, extension)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    def read(self, name: str, extension: str) -> bytes:
        return self.path_for(name, extension).read_bytes()

    def merge_pdfs(self, sources: Sequence[Path], output: Path) -> Path:
        """Concatenate label PDFs into one document for printing with qpdf."""
        subprocess.run(["qpdf", "--empty", "--pages", *map(str, sources), "--", str(output)], check=True, capture_output=True, timeout=120)
        return output
