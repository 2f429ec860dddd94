from fastapi import FastAPI

from studies import sockets

app = FastAPI()
app.include_router(sockets.router)
