from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from front.services import Badges, VisitorDesk


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.desk = VisitorDesk()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/visitors/{visitor_id}/check-in")
async def check_in(visitor_id: int, name: str, request: Request) -> dict:
    desk: VisitorDesk = request.app.state.desk
    await desk.check_in(visitor_id, name)
    badges = Badges()
    badges.add(visitor_id, name)
    return {"size": len(badges.image(visitor_id) or b"")}


@app.get("/visitors/{visitor_id}/pass")
async def visitor_pass(visitor_id: int, request: Request) -> dict:
    desk: VisitorDesk = request.app.state.desk
    return {"size": len(desk.pass_image(visitor_id) or b"")}


@app.post("/visitors/{visitor_id}/invite")
async def invite(visitor_id: int, request: Request) -> dict:
    return {"token": await request.app.state.desk.invite(visitor_id)}


@app.post("/invitations/{token}")
async def redeem(token: str, request: Request) -> dict:
    return {"visitor": await request.app.state.desk.redeem(token)}


@app.get("/visitors/{visitor_id}/visits")
async def visits(visitor_id: int, request: Request) -> dict:
    return {"visits": request.app.state.desk.visit_count(visitor_id)}
