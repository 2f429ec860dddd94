"""RA513 stateful-component: files one request (or job) writes to local disk and another reads back."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.runtime import RUNTIME_KINDS, entries_reaching, short
from ..api import ProjectContext, Rule, register
from ._localfiles import DiskUse, disk_uses

_MAX_RELATED = 8


@register
class RequestFilesOnLocalDisk(Rule):
    """A service that keeps files under a local directory between requests.

    What it finds:
        A class whose methods build paths from one of its directory attributes (`self._spool`,
        `os.path.join(self._dir, name)`) where one method writes files (`open(path, "wb")`,
        `aiofiles.open`, `write_bytes`, a `write_*`/`save_*` helper handed the directory, also
        offloaded with `asyncio.to_thread`) and another reads them back (`open(path, "rb")`,
        `os.listdir`, `exists`, a `read_*`/`load_*` helper), when the writing and the reading are
        reached from different entry points: a chunk upload and the request that completes it, a
        nightly export job and the download endpoint. A file written and read within one request
        (a scratch file) is not reported, nor anything in a program its user runs as one process on
        their machine (a desktop or terminal program, see `model.program_kind`): its local disk is
        the one every part of it reads.

    Why it matters:
        The files live on the disk of the replica that served the writing request. Behind a load
        balancer the request that reads them may land on another replica and find nothing (an
        upload completed elsewhere fails, a download 404s); a redeploy or a pod reschedule loses
        them. The service cannot be scaled out or moved without a shared volume.

    Example:
        async def write_chunk(self, upload_id, index, data):
            async with aiofiles.open(os.path.join(self._spool, upload_id, f"{index}.part"), "wb") as fh:
                await fh.write(data)

        async def complete(self, upload_id):
            parts = sorted(os.listdir(os.path.join(self._spool, upload_id)))

    Instead:
        Keep the files where every replica reads them: object storage (S3 multipart uploads for
        chunks, a presigned URL for downloads) or a volume shared by all replicas, and keep only
        the key in the database or Redis.
    """

    id = "RA513"
    name = "request-files-on-local-disk"
    category = "stateful-component"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 4.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        ctx.examine("classes", len(model.classes))
        if single_process(model):
            return  # one process on the user's machine: no other replica to miss the files
        for class_fq, (facts, _cls) in sorted(model.classes.items()):
            if is_test_path(facts.path):
                continue
            for use in disk_uses(model, class_fq):
                pair = _across_entries(model, use)
                if pair:
                    yield self._finding(model, class_fq, use, *pair)

    def _finding(self, model: ProjectModel, class_fq: str, use: DiskUse, writer: tuple, reader: tuple) -> Finding:
        facts, cls = model.classes[class_fq]
        (w_entry, w_fq), (r_entry, r_fq) = writer, reader
        line = _init_line(model, class_fq, use.attr) or cls.line
        description = (
            f"`{short(class_fq)}` keeps files under `{use.attr}` on the local disk: `{short(w_fq)}` writes them "
            f"(for {w_entry.name}) and `{short(r_fq)}` reads them back (for {r_entry.name}). With more than one "
            "replica the reading request may be served by one that never saw the files, and a redeploy or a "
            "pod reschedule loses them."
        )
        related = [Location(model.functions[fq][0].path, ln, ln, f"{short(fq)} {what} files under {use.attr}")
                   for what, found in (("writes", use.writes), ("reads", use.reads))
                   for fq, lines in sorted(found.items()) for ln in lines[:1]][:_MAX_RELATED]
        return self.finding(
            Location(facts.path, line, line),
            f"`{short(class_fq)}` keeps request files on local disk (`{use.attr}`)",
            description, related=related,
            recommendation=("Store the files in object storage (S3/GCS, multipart upload for chunks) or on a "
                            "volume every replica mounts, and keep only their keys in the database or Redis."),
        )


def _across_entries(model: ProjectModel, use: DiskUse) -> tuple | None:
    """((entry, writer), (entry, reader)) reached from two different runtime entry points, at least
    one of them a request; None when every reader runs in the request that wrote the files."""
    writers = [(e, fq) for fq in sorted(use.writes) for e, _c in entries_reaching(model, {fq}, limit=8)
               if e.kind in RUNTIME_KINDS]
    readers = [(e, fq) for fq in sorted(use.reads) for e, _c in entries_reaching(model, {fq}, limit=8)
               if e.kind in RUNTIME_KINDS]
    for w in writers:
        for r in readers:
            if w[0].function != r[0].function and w[1] != r[1] and "http" in (w[0].kind, r[0].kind):
                return w, r
    return None


def _init_line(model: ProjectModel, class_fq: str, attr: str) -> int:
    """The line of `__init__` that sets the directory attribute (0 when it is set elsewhere)."""
    found = model.functions.get(f"{class_fq}.__init__")
    if found is None:
        return 0
    return next((st["line"] for st in found[1].extra.get("stores", ())
                 if st["target"] == attr and st["kind"] == "set" and not st["item"]), 0)
