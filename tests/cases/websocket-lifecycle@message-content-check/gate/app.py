from fastapi import FastAPI

from gate import meters, sockets

app = FastAPI()
app.include_router(sockets.router)
app.include_router(meters.router)
