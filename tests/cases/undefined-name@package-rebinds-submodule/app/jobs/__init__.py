"""Job registry: each submodule's actor is re-exported under the submodule's own name."""
from app.jobs.cleanup import cleanup
from app.jobs.heartbeat import heartbeat_actor

__all__ = ["cleanup", "heartbeat_actor"]
