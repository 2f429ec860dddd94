"""Content-hash cache of per-file results, kept outside the analysed tree."""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from . import __version__
from .worker import FileResult

logger = logging.getLogger("reassess")


def code_digest() -> str:
    """A hash of reassess's own source, so that a cache never serves facts or findings
    produced by another version of the extractor or of the file rules."""
    digest = hashlib.sha1()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reassess"


class Cache:
    """`get`/`put` by (path, content, config) key; any read or write problem is a miss."""

    def __init__(self, directory: Path | None, config_digest: str, enabled: bool = True) -> None:
        self.directory = directory or default_dir()
        self.salt = f"{__version__}\0{code_digest()}\0{config_digest}\0"
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha1(self.salt.encode())
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> FileResult | None:
        if not self.enabled:
            return None
        try:
            with open(self._file(key), "rb") as handle:
                result = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # truncated or unreadable: a miss, worth a note when debugging
            logger.debug("cache entry %s unreadable", key, exc_info=True)
            self.misses += 1
            return None
        self.hits += 1
        return result if isinstance(result, FileResult) else None

    def put(self, key: str, result: FileResult) -> None:
        if not self.enabled:
            return
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            self.enabled = False  # read-only home or full disk: run on without a cache
