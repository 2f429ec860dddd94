"""SQLAlchemy Core statements run through a connection (`conn.execute(events.delete()...)`) are
the writes they build, named by the `Table("name", ...)` they are built on when it is declared."""
from __future__ import annotations

from pathlib import Path

from conftest import assess
from test_app_model import build_model

from reassess.model.coredml import constructed_statements, executed_statements

CASE = Path(__file__).parent / "cases" / "worker-coordination@core-tables"


def test_core_statements_by_run_line():
    model = build_model(CASE)
    assert executed_statements(model, "retain.store.AuditStore.prune") == {16: {"delete": "audit_events"}}
    # a table taken from a registry is a write of an unnamed table, run through the local it is bound to
    assert executed_statements(model, "retain.store.AuditStore.purge_runs") == {24: {"delete": ""}}
    # `self._seen.update({...})` is a dict's update, outside any query call
    assert executed_statements(model, "retain.store.AuditStore.count_old") == {30: {"select": ""}}


def test_worker_cites_the_declared_table():
    found = [f for f in assess(CASE).findings if f.category == "worker-coordination"]
    notes = {(r.path, r.start_line): r.note for f in found for r in f.related_locations}
    assert notes[("retain/store.py", 16)] == "SQL DELETE: audit_events"
    assert notes[("retain/store.py", 24)] == "SQL DELETE"


def test_function_form_names_its_first_argument():
    model = build_model(CASE)
    # `sa.insert(events)` and `sqlalchemy.delete(events)` are module functions: the table is the
    # argument, not the module the function is reached through
    assert executed_statements(model, "retain.forms.add_event") == {9: {"insert": "audit_events"}}
    assert executed_statements(model, "retain.forms.clear_events") == {13: {"delete": "audit_events"}}
    # the method form still names its receiver
    assert constructed_statements(model, "retain.store.AuditStore.prune") == [(16, "delete", "audit_events")]


def test_statement_bound_by_a_later_assignment():
    # `stmt = None`, then `stmt = delete(events)...` under a condition, then `conn.execute(stmt)`
    model = build_model(CASE)
    assert executed_statements(model, "retain.forms.clear_before") == {21: {"delete": "audit_events"}}
    assert constructed_statements(model, "retain.forms.clear_before") == [(19, "delete", "audit_events")]
