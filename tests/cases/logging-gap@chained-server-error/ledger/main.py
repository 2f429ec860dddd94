from fastapi import FastAPI

from ledger.routes import router

app = FastAPI()
app.include_router(router)
