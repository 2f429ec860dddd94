"""ID photos: metadata stripped by exiftool on a spooled copy."""
import os
import subprocess
import tempfile


def normalize_photo(raw: bytes, scratch_dir: str | None) -> bytes:
    path = _spool(raw, scratch_dir)
    try:
        _strip_metadata(path)
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)


def prepare_photo(raw: bytes) -> bytes:
    return normalize_photo(raw, None)


def _spool(raw: bytes, scratch_dir: str | None) -> str:
    fd, path = tempfile.mkstemp(dir=scratch_dir, suffix=".jpg")
    with os.fdopen(fd, "wb") as fh:
        fh.write(raw)
    return path


def _strip_metadata(path: str) -> None:
    subprocess.run(["exiftool", "-all=", "-overwrite_original", path], check=True, timeout=20)


def save_badge(raw: bytes, path: str) -> None:
    with open(path, "wb") as fh:  # expect: sync-io-in-async
        fh.write(raw)
