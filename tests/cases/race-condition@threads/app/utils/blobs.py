"""Content-addressed blob files. Every function here blocks."""
import os
from pathlib import Path


def store_blob(path: Path, data: bytes) -> Path:
    if os.path.exists(path):  # expect: race-condition
        return path
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def store_marker(path: Path) -> None:
    if not os.path.exists(path):  # only ever called on the event loop: nothing interleaves
        with open(path, "w") as fh:
            fh.write("ok")


def read_blob(path: Path) -> bytes | None:
    if not os.path.exists(path):
        return None
    with open(path, "rb") as fh:
        return fh.read()


def store_blob_atomically(path: Path, data: bytes) -> Path:
    if os.path.exists(path):
        return path
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
