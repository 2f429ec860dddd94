from fastapi import FastAPI

from uptime import sockets

app = FastAPI()
app.include_router(sockets.router)
