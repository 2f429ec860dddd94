"""Record exports: one per patient every five minutes, remembered by this object."""
import time


class ExportGate:
    def __init__(self, every: float = 300.0) -> None:
        self._every = every
        self._last_export: dict[int, float] = {}  # expect: horizontal-scaling-blocker

    def allow(self, patient_id: int) -> bool:
        now = time.monotonic()
        if now - self._last_export.get(patient_id, 0.0) < self._every:
            return False
        self._last_export[patient_id] = now
        return True
