"""Controllers registered by an init plugin through a helper that extends the config's list."""
from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.plugins import InitPluginProtocol

from .controllers import ItemController, PingController


class CorePlugin(InitPluginProtocol):
    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        self._routes(app_config, controllers=[ItemController])
        app_config.route_handlers.append(PingController)
        return app_config

    def _routes(self, app_config: AppConfig, *, controllers: list[type]) -> None:
        app_config.route_handlers.extend(controllers)


class Registry:
    """Has a `route_handlers` list of its own: not a Litestar config."""

    def __init__(self) -> None:
        self.route_handlers: list = []

    def add(self, handler: object) -> None:
        self.route_handlers.append(handler)


def create_app() -> Litestar:
    return Litestar(plugins=[CorePlugin()])
