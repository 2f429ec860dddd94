from fastapi import FastAPI

from ramp import sockets

app = FastAPI()
app.include_router(sockets.router)
