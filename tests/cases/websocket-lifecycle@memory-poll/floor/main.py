from fastapi import FastAPI

from floor import sockets

app = FastAPI()
app.include_router(sockets.router)
