from fastapi import FastAPI, UploadFile

from certs import service

app = FastAPI()


@app.post("/certificates")
async def issue(file: UploadFile) -> dict:
    return {"serial": await service.issue(await file.read())}


@app.post("/certificates/verify")
async def verify(file: UploadFile, serial: str) -> dict:
    return {"ok": await service.verify(await file.read(), serial)}


@app.post("/tokens/seal")
async def seal(token: str) -> dict:
    return {"sealed": await service.seal(token)}


@app.post("/labels")
async def label(value: str) -> dict:
    return await service.label(value, [value.encode()])
