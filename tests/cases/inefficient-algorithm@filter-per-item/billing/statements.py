async def build_statements(repo, customers, start, end) -> list[dict]:
    lines = await repo.lines_between(start, end)
    statements = []
    for customer in customers:
        account_ids = {a.id for a in customer.accounts}
        mine = [line for line in lines if line.account_id in account_ids]  # expect: inefficient-algorithm
        statements.append({"customer": customer.id, "total": sum(line.amount for line in mine)})
    return statements


async def match_shipments(carrier, orders, day) -> list[int]:
    manifest = await carrier.manifest(day)
    missing = []
    for order in orders:
        entry = next((m for m in manifest if m["ref"] == order.ref and m["day"] == day.isoformat()), None)  # expect: inefficient-algorithm
        if entry is None:
            missing.append(order.id)
    return missing


async def build_statements_indexed(repo, customers, start, end) -> list[dict]:
    # look-alike: the lines are grouped by account once, each customer reads its own groups
    lines = await repo.lines_between(start, end)
    by_account: dict[int, list] = {}
    for line in lines:
        by_account.setdefault(line.account_id, []).append(line)
    out = []
    for customer in customers:
        mine = [line for a in customer.accounts for line in by_account.get(a.id, [])]
        paid = [line for line in mine if line.kind in ("payment", "refund")]
        out.append({"customer": customer.id, "lines": mine, "paid": len(paid)})
    return out
