from fastapi import FastAPI, Request

from kiosk.limits import check, search_check

app = FastAPI()


@app.post("/login")
def login(request: Request) -> dict:
    check(request.client.host)
    return {"ok": True}


@app.get("/search")
def search(request: Request) -> dict:
    search_check(request.client.host)
    return {"results": []}
