"""Template and report file helpers."""
from __future__ import annotations

from pathlib import Path
from string import Template


def load_template(template_dir: Path, name: str) -> Template:
    template_path = template_dir / f"{name}.txt"
    with open(template_path, encoding="utf-8") as fh:
        return Template(fh.read())


def render(template_dir: Path, name: str, **values: str) -> str:
    return load_template(template_dir, name).safe_substitute(**values)


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
