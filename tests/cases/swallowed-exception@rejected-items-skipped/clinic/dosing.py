from clinic.errors import InvalidDosage, PrescriptionParseError

LIMITS = {"amoxicillin": 3000, "ibuprofen": 2400}


def daily_dose(drug: str, mg: int, times: int) -> int:
    total = mg * times
    if total > LIMITS.get(drug, 0):
        raise InvalidDosage(f"{drug}: {total} mg a day")
    return total


def parse_line(line: str) -> tuple[str, int]:
    drug, _, mg = line.partition(":")
    if not mg.strip().isdigit():
        raise PrescriptionParseError(line)
    return drug.strip(), int(mg)
