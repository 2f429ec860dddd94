"""The depot's HTTP API: report endpoints registered on an aiohttp application."""
import asyncio

from aiohttp import web

from depot.reports import archive_summary, report_summary


class ReportsEndpoint:
    def __init__(self) -> None:
        self.app = web.Application()
        self.app.add_routes([web.get("/{name}", self.summary), web.get("/archive/{name}", self.archived)])

    async def summary(self, request: web.Request) -> web.Response:
        return web.json_response(report_summary(request.match_info["name"]))

    async def archived(self, request: web.Request) -> web.Response:
        loop = asyncio.get_running_loop()
        summary = await loop.run_in_executor(None, archive_summary, request.match_info["name"])
        return web.json_response(summary)


def create_app() -> web.Application:
    app = web.Application()
    app.add_subapp("/reports/", ReportsEndpoint().app)
    return app


if __name__ == "__main__":
    web.run_app(create_app())
