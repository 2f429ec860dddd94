"""Pools closed when their owner goes away, and one closed from a normal method."""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class VectorPool:
    def __init__(self, pool, cluster) -> None:
        self.pool = pool
        self.cluster = cluster

    def __del__(self) -> None:
        """Finalizer: what it raises is ignored by the interpreter anyway."""
        try:
            if self.pool.version == 3:
                self.pool.close()
            else:
                self.pool.closeall()
        except Exception:
            pass

    def shutdown(self) -> None:
        try:
            if hasattr(self, "cluster") and self.cluster:
                self.cluster.shutdown()
                logger.info("cluster closed")
        except Exception:
            pass

    def flush_and_close(self, store) -> None:
        try:
            store.flush(self.pool)
            self.pool.close()
        except Exception:  # expect: swallowed-exception
            pass
