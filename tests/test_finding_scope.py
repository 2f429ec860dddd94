"""Findings describe the scope of the problem as the code has it: the services the running
application calls (not a command-line download), the rows a search really scans."""
from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def test_cli_download_is_not_a_traced_dependency() -> None:
    found = [f for f in assess(CASES / "tracing-gap").findings if f.category == "tracing-gap"]
    assert len(found) == 1
    assert {r.path for r in found[0].related_locations} == {"svc/main.py"}
    assert "downloads.example.org" not in found[0].description


def test_tenant_scoped_search_is_not_called_a_table_scan() -> None:
    found = {f.location.start_line: f for f in assess(CASES / "slow-query@tenant-scoped").findings
             if f.category == "slow-query"}
    scoped = [f for f in found.values() if "Product.name" in f.evidence and "or_(" not in f.evidence]
    whole = [f for f in found.values() if "Customer.email" in f.evidence or "or_(" in f.evidence]
    assert len(scoped) == 2 and len(whole) == 3  # no index on customers.organization_id; `id IN .. OR ..`
    assert all("that the owner filter leaves" in f.description for f in scoped)
    assert all("reads all of `" in f.description for f in whole)
