"""Rollout waves: names read outside the scope that binds them."""
import logging

logger = logging.getLogger(__name__)
_client = None


def connect(url: str) -> None:
    global _client
    _client = url


def current_client() -> str | None:
    return _client


class WaveService:
    BATCH = 50

    def __init__(self, store: dict) -> None:
        self._store = store

    def start(self, wave_id: str) -> int:
        wave = self._store[wave_id]
        started = [device for device in wave if device]
        return len(started)

    def halt(self, wave: dict) -> None:
        wave["status"] = "halted"
        logger.warning("wave %s halted", wave_id)  # expect: undefined-name

    def batch_size(self) -> int:
        return BATCH  # expect: undefined-name

    def progress(self, wave_id: str) -> dict:
        done = 0

        def tally(item: dict) -> int:
            nonlocal done
            done += 1
            return done + len(wave_id)

        counts = {key: tally(value) for key, value in self._store.items()}
        try:
            total = sum(counts.values())
        except TypeError as exc:
            logger.error("bad counts: %s", exc)
            total = 0
        handler = lambda entry, *rest: entry or rest  # noqa: E731
        return {"total": total, "done": done, "handler": handler(wave_id)}
