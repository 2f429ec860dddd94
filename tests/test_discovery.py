"""Discovery: which files a run reads, besides the Python ones."""
from __future__ import annotations

from pathlib import Path

from conftest import assess
from reassess.config import load_config
from reassess.discovery import discover, imported_roots, module_names, root_package, sibling_imports


def _tree(root: Path, files: list[str]) -> None:
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" if rel.endswith(".py") else "CMD uvicorn app.main:app --workers 2\n")


def test_deployment_files_are_offered_to_rules(tmp_path: Path) -> None:
    deployment = ["Dockerfile", "Procfile", "Makefile", "docker/Dockerfile.prod", "deploy/api.dockerfile",
                  "deploy/web.Dockerfile", "scripts/start.sh", "docker-compose.yml"]
    _tree(tmp_path, ["app/__init__.py", "app/main.py", "LICENSE", "notes.txt", *deployment])
    found = discover(load_config(tmp_path, {}))
    assert found.files == ["app/__init__.py", "app/main.py"]
    assert found.other_files == sorted(deployment)


def test_vendored_third_party_copies_are_left_out(tmp_path: Path) -> None:
    """`pkg/_vendor/clipboard/...` is someone else's package copied in, not code under review;
    a folder merely named like vendoring (`vendors/`) is the project's own."""
    _tree(tmp_path, ["app/__init__.py", "app/_vendor/__init__.py", "app/_vendor/clip/__init__.py",
                     "app/vendors.py"])
    found = discover(load_config(tmp_path, {}))
    assert found.files == ["app/__init__.py", "app/vendors.py"]


def test_deployment_files_outside_focus_are_still_offered(tmp_path: Path) -> None:
    _tree(tmp_path, ["svc/app.py", "other/tool.py", "Dockerfile", "other/run.sh"])
    found = discover(load_config(tmp_path, {"focus": ["svc"]}))
    assert found.files == ["svc/app.py"]
    assert found.other_files == ["Dockerfile", "other/run.sh"]


def _package_root(root: Path) -> None:
    """A package analysed from inside (`reassess assess bakery/`), its code importing `bakery.`."""
    files = {
        "__init__.py": "",
        "db.py": "import sqlite3\n\n\ndef load(order_id: int) -> tuple:\n"
                 "    return sqlite3.connect('bakery.db').execute('SELECT 1').fetchone()\n",
        "api/__init__.py": "",
        "api/orders.py": "from fastapi import APIRouter\n\nfrom bakery.db import load\n\nrouter = APIRouter()\n\n\n"
                         "@router.get('/orders/{order_id}')\nasync def order(order_id: int) -> tuple:\n"
                         "    return load(order_id)\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_a_package_root_is_named_as_its_code_imports_it(tmp_path: Path) -> None:
    root = tmp_path / "bakery"
    _package_root(root)
    sources = {rel: (root / rel).read_bytes() for rel in ("__init__.py", "db.py", "api/__init__.py", "api/orders.py")}
    assert root_package(root, sources) == "bakery"
    names = module_names(sorted(sources), "bakery")
    assert names["__init__.py"] == ("bakery", True)
    assert names["api/orders.py"] == ("bakery.api.orders", False)
    result = assess(root)
    chains = [f for f in result.findings if f.category == "sync-io-in-async"]
    assert [(f.location.path, f.location.start_line) for f in chains] == [("db.py", 5)]


def test_a_subpackage_root_is_named_with_its_enclosing_packages(tmp_path: Path) -> None:
    """`reassess assess src/shop/bakery` where the code says `from shop.bakery.db import ...`."""
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/__init__.py").write_text("")
    root = tmp_path / "shop/bakery"
    _package_root(root)
    (root / "api/orders.py").write_text((root / "api/orders.py").read_text().replace("bakery.db", "shop.bakery.db"))
    sources = {rel: (root / rel).read_bytes() for rel in ("__init__.py", "db.py", "api/__init__.py", "api/orders.py")}
    assert root_package(root, sources) == "shop.bakery"
    assert module_names(sorted(sources), "shop.bakery")["api/orders.py"] == ("shop.bakery.api.orders", False)
    result = assess(root)
    chains = [f for f in result.findings if f.category == "sync-io-in-async"]
    assert [(f.location.path, f.location.start_line) for f in chains] == [("db.py", 5)]


def test_a_package_root_its_code_does_not_import_keeps_plain_names(tmp_path: Path) -> None:
    root = tmp_path / "bakery"
    _package_root(root)
    (root / "api/orders.py").write_text("from db import load\n")
    sources = {rel: (root / rel).read_bytes() for rel in ("__init__.py", "db.py", "api/orders.py")}
    assert root_package(root, sources) == ""
    assert root_package(tmp_path / "not-an-identifier", {"__init__.py": b"import not-an-identifier"}) == ""


def test_namespace_packages_are_named_from_the_folder_the_code_imports(tmp_path: Path) -> None:
    """No `__init__.py` anywhere (PEP 420): `svc/docflow/api/notes.py` says `from docflow.store import
    load`, so it is `docflow.api.notes`, and the blocking call two modules down is found through it."""
    root = tmp_path / "corpus"
    (root / "svc/docflow/api").mkdir(parents=True)
    (root / "svc/docflow/store.py").write_text(
        "import time\n\n\ndef load(note_id: int) -> dict:\n    time.sleep(0.5)\n    return {'id': note_id}\n")
    (root / "svc/docflow/api/notes.py").write_text(
        "from fastapi import APIRouter\n\nfrom docflow.store import load\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/notes/{note_id}')\nasync def note(note_id: int) -> dict:\n    return load(note_id)\n")
    (root / "svc/tools.py").write_text("import json\n")
    sources = {rel: (root / rel).read_bytes() for rel in ("svc/docflow/store.py", "svc/docflow/api/notes.py",
                                                          "svc/tools.py")}
    names = module_names(sorted(sources), "", imported_roots(sources))
    assert names["svc/docflow/api/notes.py"] == ("docflow.api.notes", False)
    assert names["svc/tools.py"] == ("svc.tools", False)
    blocking = [f for f in assess(root).findings if f.category == "sync-io-in-async"]
    assert [(f.location.path, f.location.start_line) for f in blocking] == [("svc/docflow/store.py", 5)]


def test_a_module_file_beside_its_package_is_dead_and_left_out(tmp_path: Path) -> None:
    """`app/providers.py` beside `app/providers/__init__.py`: every import loads the package, so the
    blocking call in the old file is no finding; the file itself is one dead-code finding citing the
    package. A file with a `__main__` guard can still run as a script and stays analysed."""
    root = tmp_path / "svc"
    (root / "app/providers").mkdir(parents=True)
    (root / "app/tools").mkdir()
    (root / "app/__init__.py").write_text("")
    (root / "app/providers/__init__.py").write_text("async def fetch() -> int:\n    return 1\n")
    (root / "app/providers.py").write_text("import time\n\n\nasync def fetch() -> int:\n    time.sleep(2)\n"
                                          "    return 1\n")
    (root / "app/tools/__init__.py").write_text("")
    (root / "app/tools.py").write_text("import time\n\n\nasync def main() -> None:\n    time.sleep(2)\n\n\n"
                                       "if __name__ == '__main__':\n    main()\n")
    (root / "app/main.py").write_text("from app.providers import fetch\n\n\nasync def run() -> int:\n"
                                      "    return await fetch()\n")
    found = assess(root).findings
    dead = [f for f in found if f.category == "dead-code"]
    assert [(f.rule, f.location.path, f.evidence) for f in dead] == [("RA002", "app/providers.py", "import time")]
    assert [r.path for r in dead[0].related_locations] == ["app/providers/__init__.py"]
    assert "(6 lines)" in dead[0].description
    assert not [f for f in found if f.location.path == "app/providers.py" and f.rule != "RA002"]
    assert [f.location.path for f in found if f.category == "sync-io-in-async"] == ["app/tools.py"]


def test_a_service_folder_run_as_a_script_names_its_modules_as_its_files_import_them(tmp_path: Path) -> None:
    """`server/` (no `__init__.py`) runs `main.py` as a script, so `from auth import current_user`
    reaches `server/auth.py`: it is `auth`, and the blocking call in the async dependency is found
    through the route. A root-level `auth.py` would keep the name; a file nobody beside it imports
    keeps the name from the root."""
    root = tmp_path / "repo"
    (root / "server").mkdir(parents=True)
    (root / "server/auth.py").write_text(
        "import time\n\n\nasync def current_user() -> str:\n    time.sleep(0.2)\n    return 'u'\n")
    (root / "server/main.py").write_text(
        "from fastapi import Depends, FastAPI\n\nfrom auth import current_user\n\napp = FastAPI()\n\n\n"
        "@app.get('/me')\ndef me(user: str = Depends(current_user)) -> str:\n    return user\n")
    (root / "server/seed.py").write_text("import json\n")
    (root / "lib").mkdir()
    (root / "lib/main.py").write_text("from auth import nothing\n")
    sources = {rel: (root / rel).read_bytes() for rel in ("server/auth.py", "server/main.py", "server/seed.py",
                                                          "lib/main.py")}
    names = module_names(sorted(sources), "", imported_roots(sources), sibling_imports(sources))
    assert names["server/auth.py"] == ("auth", False)
    assert names["server/seed.py"] == ("server.seed", False)
    assert names["server/main.py"] == ("server.main", False)
    blocking = [f for f in assess(root).findings if f.category == "sync-io-in-async"]
    assert [(f.location.path, f.location.start_line, f.severity) for f in blocking] == [("server/auth.py", 5, "HIGH")]
