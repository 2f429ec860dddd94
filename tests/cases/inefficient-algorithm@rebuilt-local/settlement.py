def aggregate(rows: list[dict]) -> list[dict]:
    lines: list[dict] = []
    for row in rows:
        existing = [line["msisdn"] for line in lines]  # expect: inefficient-algorithm
        if row["msisdn"] not in existing:
            lines.append({"msisdn": row["msisdn"], "total": 0})
    return lines


def per_row_codes(rows: list[dict]) -> list[str]:
    missing = []
    for row in rows:
        codes = [c["code"] for c in row["charges"]]
        if "ROAM" not in codes:
            missing.append(row["id"])
    return missing


def with_index(rows: list[dict]) -> list[dict]:
    lines: dict[str, dict] = {}
    for row in rows:
        if row["msisdn"] not in lines:
            lines[row["msisdn"]] = {"msisdn": row["msisdn"], "total": 0}
    return list(lines.values())
