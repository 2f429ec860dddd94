from fastapi import FastAPI

from board.sockets import router

app = FastAPI()
app.include_router(router)
