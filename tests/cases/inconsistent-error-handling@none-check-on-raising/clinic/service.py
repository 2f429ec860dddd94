from clinic.repo import Patient, PatientsRepo


class PatientService:
    def __init__(self, repo: PatientsRepo) -> None:
        self.repo = repo

    async def patient(self, patient_id: int) -> Patient:
        return await self.repo.get(patient_id)

    async def maybe_patient(self, patient_id: int) -> Patient | None:
        return await self.repo.find(patient_id)
