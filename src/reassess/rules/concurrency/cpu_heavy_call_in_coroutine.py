"""RA302 blocking-cpu-in-async: a coroutine reaches CPU-heavy work, directly or through sync helpers."""
from __future__ import annotations

from ...knowledge.blocking import Blocking, cpu_heavy
from ...model.project import Edge, ProjectModel
from ..api import register
from ._blocking import Boundary
from ._bulkcompress import bulk_compress
from ._bulkhash import whole_body_hash
from ._combinatorial import combinatorial_search
from ._decompress import decompress_parse
from ._entries import EntryIndex
from ._fuzzy import fuzzy_scan
from ._offloaded import offloaded_elsewhere, shares_offloaded_work
from ._pdftext import pdf_text_extraction
from ._stretching import iterated_hash
from ._valueloop import per_value_decode
from ._xmltree import xml_tree_parse
from .blocking_call_in_coroutine import BlockingCallInCoroutine

# work that is slow by design (tuned to cost 100 ms or more per call)
_DELIBERATELY_SLOW = ("password hashing", "a key-derivation function", "key generation", "hand-rolled key stretching")


@register
class CpuHeavyCallInCoroutine(BlockingCallInCoroutine):
    """A coroutine that runs CPU-heavy work on the event loop: password hashing and key
    derivation (bcrypt, passlib, argon2, hashlib.pbkdf2_hmac/scrypt), key generation,
    data frames (pandas readers, merges, group-bys), image and document processing (HTML
    parsed into a tree by `BeautifulSoup`), and
    hand-rolled key stretching (a hash constructor called once per round of a `range` loop of
    at least 50,000 rounds, given as a literal, a parameter default or a module constant), and
    a digest of a whole body reassembled from its chunks (`hashlib.sha256(b"".join(chunks))`
    through a local): as large as the upload or stream it came from; likewise a
    `gzip`/`zlib`/`bz2`/`lzma` `compress()` of text a loop added up row by row (or joined
    from its parts) before the call: as large as the result set it was built from; and a
    `decompress()` of bytes the caller hands in (an upload), or fetched whole by a project
    coroutine declared to return `bytes` (`raw = await store.get_bytes(key)`), parsed in the same
    statement (`json.loads(zlib.decompress(blob))`): its output is not bounded by its input; and a
    compress of text joined from the tens of thousands of parts nested constant `range` loops
    appended (a watermark grid drawn op by op into a PDF stream); and a
    loop decoding a bytes parameter one value per iteration (`struct.unpack_from("<h", pcm, i)`,
    `struct.iter_unpack("<f", raw)`, `int.from_bytes(data[i:i + 2], ...)`): once per sample; and a
    combinatorial search over data (`itertools.combinations(tables, size)` with a size of 3 or
    more or one that varies, `permutations(items)`): C(n, r) turns, millions for a few dozen items,
    or a product repeated over a size that varies or comes to tens of thousands of tuples
    (`itertools.product("ACGT", repeat=length)`);
    and a pure-Python fuzzy match against a collection (`difflib.SequenceMatcher` built per item of
    a loop, `difflib.get_close_matches(word, candidates)` over data): one diff per candidate; and
    an XML document the coroutine read whole (`await request.body()`, `await upload.read()`,
    `await asyncio.to_thread(path.read_bytes)`) parsed into a tree on the loop (`ET.fromstring(raw)`):
    an element object per tag, as many as the sender or the file holds.

    What it finds:
        Calls of those functions made in an `async def`, or in sync helpers it calls, that
        are not handed to `asyncio.to_thread`, `loop.run_in_executor` or `run_in_threadpool`.
        The finding sits on the coroutine's call that runs the work on the loop (the heavy call
        itself, or the call of the sync helper reaching it: that is where the offload goes, a
        hash or a resize has no non-blocking variant to switch the helper to) and lists the hops
        down to the heavy call; a helper several coroutines reach is cited at its heavy call,
        where one change fixes them all.
        Sync `def` endpoints (FastAPI's threadpool) and startup-only code are not reported.
        A compress of an in-memory buffer a loop wrote rows into (`csv.writer(buf)` in a loop,
        then `gzip.compress(buf.getvalue().encode())`) counts as built row by row, also when a
        project function returns it (`body, n = await build_csv(rows)`). A sync project
        function that other call sites hand to `to_thread`/`run_in_executor` by name is heavy by
        the project's own judgement: a coroutine calling it directly forgot that offload. Only
        the callable handed over counts: a call in its place (`submit(make_job(f, x))`,
        `partial(f, x)`) runs on the caller's thread and only builds the work, so `make_job`
        is not offloaded work; `f` is. So is a sibling the coroutine calls directly that runs the
        same grid helper (nested `for ... in range(n)` loops) an offloaded function calls
        (`render_preview` on the loop and `process_scene` in the pool both call the per-pixel
        `colorize`).

    Why it matters:
        A bcrypt check costs 100-300 ms of CPU by design, a data-frame pass over request data
        can cost seconds. For that long the event loop serves nothing else: every request,
        websocket and background task of the process waits, and a burst of logins serialises.

    Example:
        @router.post("/login")
        async def login(form: LoginForm):
            user = await users.get(form.email)
            if not pwd_context.verify(form.password, user.password_hash):
                raise HTTPException(401)

    Instead:
        Run it in a worker thread (bcrypt and hashlib release the GIL), or a process pool:

            ok = await asyncio.to_thread(pwd_context.verify, form.password, user.password_hash)
    """

    id = "RA302"
    name = "cpu-heavy-call-in-coroutine"
    category = "blocking-cpu-in-async"
    severity = "HIGH"
    examined_key = "coroutines reaching CPU-heavy calls"
    # CPU work has no non-blocking variant to switch the helper to: the fix is the offload, made where
    # the coroutine calls the helper (`await asyncio.to_thread(verify_password, ...)`), so that call is
    # cited; a helper several coroutines reach stays cited in the helper (one fix for all of them)
    cites_helpers = False

    def classify(self, name: str) -> Blocking | None:
        return cpu_heavy(name)

    def configured(self, name: str) -> Blocking | None:
        return None

    def in_context(self, model: ProjectModel, edge: Edge) -> Blocking | None:
        return (iterated_hash(model, edge) or pdf_text_extraction(model, edge) or whole_body_hash(model, edge)
                or bulk_compress(model, edge) or decompress_parse(model, edge) or per_value_decode(model, edge)
                or combinatorial_search(model, edge) or fuzzy_scan(model, edge) or xml_tree_parse(model, edge)
                or offloaded_elsewhere(model, edge) or shares_offloaded_work(model, edge))

    @staticmethod
    def _severity(index: EntryIndex, boundary: Boundary) -> str:
        heavy = boundary.seed.blocking.label in _DELIBERATELY_SLOW
        return "HIGH" if heavy and index.is_serving(boundary.function) else "MEDIUM"
