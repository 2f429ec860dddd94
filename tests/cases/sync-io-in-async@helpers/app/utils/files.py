"""Blocking file helpers: callers decide whether to run them in a thread."""
from pathlib import Path


def write_report(directory: Path, name: str, lines: list[str]) -> Path:
    target = directory / f"{name}.txt"
    with open(target, "w", encoding="utf-8") as fh:  # expect: sync-io-in-async
        fh.write("\n".join(lines))
    return target


def save_upload(path: Path, data: bytes) -> Path:
    with open(path, "wb") as fh:  # one caller offloads it: the other caller's call is the mistake
        fh.write(data)
    return path
