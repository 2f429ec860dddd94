"""Wiring the application model follows through framework plugins and configs: Litestar controllers an
init plugin registers on the `AppConfig`, services injected into handlers by parameter type (advanced-alchemy
repository services query the database), SAQ jobs listed on a queue config or worker; and component boxes:
one per class or module, a loop a request handler starts named after the loop."""
from __future__ import annotations

from pathlib import Path

import pytest

from reassess.model.components import ComponentGraph
from test_app_model import build_model

PROJECTS = Path(__file__).parent / "projects"


@pytest.fixture(scope="module")
def plugin_model():
    return build_model(PROJECTS / "litestar_plugin_app")


def test_controllers_registered_by_an_init_plugin_are_mounted(plugin_model):
    routes = {(e.route, e.details["mounted"]) for e in plugin_model.app.of_kind("http")}
    # `_routes(app_config, controllers=[ItemController])` extends the config's list; `.append(PingController)`
    assert routes == {("/items", True), ("/ping", True)}


def test_injected_service_calls_reach_the_database(plugin_model):
    edges = {e.target.name for e in plugin_model.edges["store.controllers.ItemController.list_items"]}
    # inherited query method of an advanced-alchemy service: a query on its async session
    assert "sqlalchemy.ext.asyncio.AsyncSession.list_and_count" in edges
    assert "store.db.ItemService.label" in edges  # the class's own method stays a project call
    engines = [r for r in plugin_model.app.resources if r.kind == "database"]
    assert len(engines) == 2  # `engine = create_async_engine(...)` in each branch: one engine, two spellings
    assert all("store.controllers.ItemController.list_items" in r.users for r in engines)


def test_saq_jobs_from_queue_config_and_worker(plugin_model):
    jobs = {e.function.rsplit(".", 1)[-1]: e for e in plugin_model.app.of_kind("job")}
    assert set(jobs) == {"cleanup", "refresh", "nightly"}  # `HELPERS = dict(tasks=[...])` is no queue
    assert jobs["cleanup"].details["schedule"]["cron"] == "0 * * * *"  # listed and scheduled: one job
    assert jobs["nightly"].details["schedule"]["cron"] == "0 3 * * *"
    assert all(e.details["framework"] == "saq" and e.runs_in == "worker-process" for e in jobs.values())


def test_one_box_per_class_and_handler_loops_named_after_the_loop():
    graph = ComponentGraph(build_model(PROJECTS / "component_units_app")).build()
    names = [(c.kind, c.name) for c in graph.ordered()]
    assert len({name for _kind, name in names}) == len(names)  # no class drawn twice (worker and data layer)
    hub = graph.components["worker:Hub"]
    assert "hub.app.Hub.lookup" in hub.functions  # its SQL method stays in the worker class's box
    assert ("worker", "ProgressHandler.keepalive") in names  # not a worker named after the handler class
    assert ("worker", "ProgressHandler") not in names
    assert all(cid not in comp.uses for cid, comp in graph.components.items())  # no self-arrows
