"""The depot service: route tables of the api modules spread into one Starlette app."""
from starlette.applications import Starlette
from starlette.routing import Mount

from depot.api import exports, health


def create_app() -> Starlette:
    routes = [
        *health.routes,
        Mount("/v1", routes=[*exports.routes]),
    ]
    return Starlette(routes=routes)


app = create_app()
