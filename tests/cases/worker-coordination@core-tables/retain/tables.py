from sqlalchemy import BigInteger, Column, MetaData, String, Table

metadata = MetaData()

events = Table(
    "audit_events",
    metadata,
    Column("id", String, primary_key=True),
    Column("created_at", BigInteger, nullable=False),
)


def _build_tables() -> dict:
    tables = {}
    for name in ("runs", "steps"):
        tables[name] = Table(f"job_{name}", metadata, Column("id", String, primary_key=True),
                             Column("done_at", BigInteger))
    return tables


TABLES = _build_tables()
