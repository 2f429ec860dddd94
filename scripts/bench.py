"""Benchmark: the whole pipeline against one plain `ast.parse` of every file.

Generates a tree of about TARGET lines from copies of the sample backend (each copy is
renamed and carries a unique header, so neither the content-hash cache nor the OS page
cache can make copies free), then times, in fresh processes:
  1. a plain parse: read + ast.parse of every .py file, one process;
  2. `reassess assess` cold (no cache), with the default worker pool;
  3. `reassess assess` after one file was edited (every other file's facts come from the
     cache; the project phase runs again, as it must);
  4. `reassess assess` again on the unchanged tree (the whole result comes from the cache).
Usage: python scripts/bench.py [--lines 300000] [--keep DIR]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "trading_backend" / "app"

PLAIN_PARSE = """
import ast, pathlib, sys
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    ast.parse(path.read_bytes(), filename=str(path))
    n += 1
print(n)
"""


def generate(target_lines: int, dest: Path) -> tuple[int, int]:
    sample_lines = sum(len(p.read_text().splitlines()) for p in SAMPLE.rglob("*.py"))
    copies = max(1, round(target_lines / sample_lines))
    files = lines = 0
    for index in range(copies):
        package = dest / f"svc{index:03d}"
        shutil.copytree(SAMPLE, package / "app")
        (package / "__init__.py").write_text("")
        for path in (package / "app").rglob("*.py"):
            text = path.read_text().replace("from app.", f"from svc{index:03d}.app.").replace(
                "import app.", f"import svc{index:03d}.app.")
            path.write_text(f"# copy {index}\n{text}")
            files += 1
            lines += text.count("\n") + 1
    return files, lines


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds of one run, and its CPU seconds (user + system, all its processes): on a
    busy machine the wall time varies, the CPU time much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--keep", help="generate the tree here and keep it")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="reassess-bench-"))
    tree, out, cache = work / "tree", work / "out", work / "cache"
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)
    files, lines = generate(args.lines, tree)
    reassess = [sys.executable, "-m", "reassess", "assess", str(tree), "--out", str(out), "--quiet"]
    parse = timed([sys.executable, "-c", PLAIN_PARSE, str(tree)])
    cold = timed(reassess + ["--no-cache"])
    timed(reassess + ["--cache-dir", str(cache)])  # fill the cache
    edited = next(iter(sorted(tree.rglob("orders.py"))))
    edited.write_text(edited.read_text() + "\n# edited\n")
    one_edit = timed(reassess + ["--cache-dir", str(cache)])
    unchanged = timed(reassess + ["--cache-dir", str(cache)])
    print(f"tree: {files} files, {lines} lines (wall seconds; CPU seconds of all processes in brackets)")
    print(f"plain parse (1 process):        {parse[0]:6.2f} s  [{parse[1]:6.2f}]")
    for label, (wall, cpu) in (("cold (no cache):  ", cold), ("one file edited:  ", one_edit),
                               ("unchanged tree:   ", unchanged)):
        print(f"reassess, {label}     {wall:6.2f} s  [{cpu:6.2f}]  ({wall / parse[0]:.2f}x plain parse wall, "
              f"{cpu / parse[1]:.2f}x its CPU)")
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
