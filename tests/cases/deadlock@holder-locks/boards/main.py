"""Board service: per-board locks kept in a holder object."""
from fastapi import FastAPI

from boards.services.boards import BoardState, router

app = FastAPI()
app.state.boards = BoardState()
app.include_router(router)
