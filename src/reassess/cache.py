"""Content-hash cache, kept outside the analysed tree: per-file results, and the last whole
result of each analysed tree, served again when none of the run's inputs changed."""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from . import __version__
from .result import Result
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

    def put(self, key: str, result: FileResult, pickled: bytes | None = None) -> None:
        """Store a file's result; `pickled` is the result already pickled (by a worker)."""
        self._store(self._file(key), result, pickled)

    def run_key(self, file_keys: list[str], inputs: bytes) -> str:
        """One key for a whole run: every file's key (path, content, module name, salt) and
        the other inputs the project phase reads (SQL and docs, coverage data)."""
        digest = hashlib.sha1(self.salt.encode())
        for key in sorted(file_keys):
            digest.update(key.encode())
        digest.update(inputs)
        return digest.hexdigest()

    def _run_file(self, root: Path) -> Path:
        """One entry per analysed tree (a new run replaces it), so the cache does not grow
        with every edit."""
        name = hashlib.sha1(str(root).encode("utf-8", "surrogatepass")).hexdigest()
        return self.directory / "runs" / f"{name}.pkl"

    def get_run(self, root: Path, key: str) -> Result | None:
        """The cached whole result of the last run on ROOT when it had KEY, else None."""
        if not self.enabled:
            return None
        try:
            with open(self._run_file(root), "rb") as handle:
                stored_key, result = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:
            logger.debug("run cache for %s unreadable", root, exc_info=True)
            return None
        return result if stored_key == key and isinstance(result, Result) else None

    def put_run(self, root: Path, key: str, result: Result) -> None:
        self._store(self._run_file(root), (key, result))

    def _store(self, target: Path, value: object, pickled: bytes | None = None) -> None:
        if not self.enabled:
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                if pickled is None:
                    pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                else:
                    handle.write(pickled)
            os.replace(tmp, target)
        except OSError:
            self.enabled = False  # read-only home or full disk: run on without a cache
