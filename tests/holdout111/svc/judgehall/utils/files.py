from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from pathlib import Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_archive(path: str | Path) -> dict[str, bytes]:
    """Read every member of a test archive into memory."""
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            members[info.filename] = zf.read(info)
    return members


def pair_test_files(members: dict[str, bytes]) -> list[tuple[str, bytes, bytes]]:
    pairs = []
    for name in sorted(members):
        if not name.endswith(".in"):
            continue
        stem = name[:-3]
        answer = members.get(stem + ".out") or members.get(stem + ".ans")
        if answer is None:
            continue
        pairs.append((stem, members[name], answer))
    return pairs


def write_atomic(path: str | Path, data: bytes) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def read_bytes(path: str | Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()
