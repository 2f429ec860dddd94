"""Leaderboard API."""
from decimal import Decimal

from fastapi import FastAPI
from redis.asyncio import Redis

from leaderboard.services.credits import Credits
from leaderboard.services.scores import ScoreBoard

app = FastAPI()
redis = Redis.from_url("redis://localhost")
board = ScoreBoard(redis)
credits = Credits(redis, board)


@app.post("/games/{game}/scores")
async def submit(game: str, player: str, score: int) -> dict[str, bool]:
    return {"best": await board.submit(player, game, score) and await board.submit_atomic(player, game, score)}


@app.post("/tracks/{track}/laps")
async def lap(track: str, lap_ms: int) -> dict[str, bool]:
    await board.fastest_lap(track, lap_ms)
    return {"ok": True}


@app.get("/games/{game}/rank")
async def rank(game: str, player: str) -> dict[str, int]:
    return {"rank": await board.cached_rank(game, player)}


@app.post("/players/{player}/play")
async def play(player: str) -> dict[str, int | None]:
    return {"left": await credits.spend_play(player), "atomic": await credits.spend_play_atomic(player)}


@app.post("/players/{player}/wallet")
async def top_up(player: str, amount: Decimal) -> dict[str, str]:
    await credits.top_up(player, amount)
    return {"shown": await credits.show_wallet(player)}
