class Patient:
    id: int
    name: str


class PatientsRepo:
    def __init__(self, session) -> None:
        self.session = session

    async def get(self, patient_id: int) -> Patient:
        patient = await self.session.get(Patient, patient_id)
        if patient is None:
            raise LookupError(f"patient {patient_id} not found")
        return patient

    async def find(self, patient_id: int) -> Patient | None:
        return await self.session.get(Patient, patient_id)
