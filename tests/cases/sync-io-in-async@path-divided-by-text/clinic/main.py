from fastapi import FastAPI

from .letters import discharge_letter, reminder_letter

app = FastAPI()


@app.post("/patients/{patient_id}/reminder")
async def reminder(patient_id: int, name: str) -> dict:
    return {"body": await reminder_letter(patient_id, name)}


@app.post("/patients/{patient_id}/discharge")
async def discharge(patient_id: int, name: str) -> dict:
    return {"body": await discharge_letter(patient_id, name)}
