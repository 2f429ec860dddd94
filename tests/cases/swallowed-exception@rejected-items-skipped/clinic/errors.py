class ClinicError(Exception):
    pass


class InvalidDosage(ClinicError):
    pass


class ReferralRejected(ClinicError):
    pass


class UnknownSpecialist(ClinicError):
    pass


class PatientNotFound(ClinicError):
    pass


class SlotTaken(ClinicError):
    """Another booking won the slot: the caller tries the next one."""


class PrescriptionParseError(ClinicError):
    pass
