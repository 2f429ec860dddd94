from fastapi import FastAPI

from lobby import sockets

app = FastAPI()
app.include_router(sockets.router)
