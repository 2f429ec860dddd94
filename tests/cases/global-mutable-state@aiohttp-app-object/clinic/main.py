"""The clinic's aiohttp server."""
from __future__ import annotations

import os
from typing import AsyncIterator

from aiohttp import web

from clinic import api
from clinic.config import SERVICES, Services, Settings
from clinic.middleware import booking_limit, clinic_on_request, clinic_scope


async def services(app: web.Application) -> AsyncIterator[None]:
    app[SERVICES] = Services(Settings(database_url=os.environ["DATABASE_URL"]))
    app[SERVICES].settings.default_clinic_id = int(os.environ.get("DEFAULT_CLINIC", "1"))
    yield


def create_app() -> web.Application:
    app = web.Application(middlewares=[clinic_on_request, clinic_scope, booking_limit])
    app.cleanup_ctx.append(services)
    app.add_routes(api.routes)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
