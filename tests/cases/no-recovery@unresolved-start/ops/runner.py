"""Runs a list of plugin workers; each plugin's own loop decides how it paces itself."""
import asyncio
import logging

log = logging.getLogger(__name__)


class PluginHost:
    def __init__(self, plugins: list) -> None:
        self._plugins = plugins
        self._tasks: list[asyncio.Task] = []

    def launch(self) -> None:
        for plugin in self._plugins:
            self._tasks.append(asyncio.create_task(self._guard(plugin)))

    async def _guard(self, plugin) -> None:
        while True:
            try:
                await plugin.loop()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("plugin %s failed", plugin)
            await asyncio.sleep(5)


class Deferred:
    """Collects loop factories during startup and starts them all once the app is ready."""

    def __init__(self) -> None:
        self._pending: list = []
        self._running: set[asyncio.Task] = set()

    def add(self, factory) -> None:
        self._pending.append(factory)

    def start_all(self) -> None:
        for factory in self._pending:
            self._running.add(asyncio.create_task(factory()))
