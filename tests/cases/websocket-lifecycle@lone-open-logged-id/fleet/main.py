from fastapi import FastAPI

from fleet import sockets

app = FastAPI()
app.include_router(sockets.router)
