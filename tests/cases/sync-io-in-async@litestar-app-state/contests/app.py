"""The contest admin API."""
from contextlib import asynccontextmanager

from litestar import Controller, Litestar, post
from litestar.datastructures import State

from contests.exports import ExportService


class AdminController(Controller):
    path = "/admin"

    @post("/contests/{contest_id:int}/export")
    async def export(self, contest_id: int, state: State) -> dict:
        exports = state.exports
        rows = await state.standings.rows(contest_id)
        return {"path": await exports.standings_csv(contest_id, rows)}

    @post("/contests/{contest_id:int}/submissions")
    async def submissions(self, contest_id: int, state: State) -> dict:
        records = await state.standings.submissions(contest_id)
        return {"path": await state.exports.submissions_json(contest_id, records)}


@asynccontextmanager
async def lifespan(app: Litestar):
    state: State = app.state
    state.exports = ExportService("/var/lib/contests")
    yield


app = Litestar(route_handlers=[AdminController], lifespan=[lifespan])
