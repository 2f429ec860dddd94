"""Calls that block the calling thread (network, database, files, processes, sleep) and calls
that burn CPU long enough to stall an event loop (password hashing, key derivation, data
frames, image processing).

Names are canonical dotted names as the resolver produces them: module functions
("requests.post", "time.sleep"), builtins ("builtins.open") and instance methods as
"<type>.<method>" where the type comes from a constructor or from knowledge/factories.py
("sqlite3.Connection.execute", "redis.Redis.get", "psycopg2.extensions.cursor.execute").
A name matches an exact entry, or a type prefix whose methods all block unless listed as
exempt (a redis client's `pipeline()` builds an object; its `get()` is a round trip).

Deliberately absent: logging (handlers are usually buffered or cheap), `print`, `json`
on ordinary payloads, and the async clients (httpx.AsyncClient, redis.asyncio, asyncpg,
aiohttp, motor, SQLAlchemy's AsyncSession), whose methods return awaitables.
"""
from __future__ import annotations

from dataclasses import dataclass

from .clients import canonical


@dataclass(frozen=True, slots=True)
class Blocking:
    """What a blocking call does: kind ("http", "db", "cache", "file", "filetree", "subprocess",
    "socket", "sleep", "mail", "cloud", "cpu"), a short label for messages and the usual async fix."""

    kind: str
    label: str
    instead: str


_HTTP = Blocking("http", "a blocking HTTP request",
                 "an async client (httpx.AsyncClient) or `await asyncio.to_thread(...)`")
_DB = Blocking("db", "a synchronous database call",
               "the async driver (asyncpg, SQLAlchemy AsyncSession) or `await asyncio.to_thread(...)`")
_CACHE = Blocking("cache", "a synchronous redis round trip", "`redis.asyncio` or `await asyncio.to_thread(...)`")
_FILE = Blocking("file", "blocking file I/O", "`await asyncio.to_thread(...)` (or aiofiles)")
_TREE = Blocking("filetree", "a blocking file-tree operation", "`await asyncio.to_thread(...)`")
# a directory listing reads every entry the directory holds: its cost grows with what was left there
DIRECTORY_SCAN = Blocking("filetree", "a blocking directory scan", "`await asyncio.to_thread(...)`")
_PROC = Blocking("subprocess", "a blocking subprocess call", "`asyncio.create_subprocess_exec(...)`")
_SOCKET = Blocking("socket", "a blocking socket operation",
                   "asyncio streams (`asyncio.open_connection`) or `loop.getaddrinfo`")
_SLEEP = Blocking("sleep", "a blocking sleep", "`await asyncio.sleep(...)`")
_MAIL = Blocking("mail", "a blocking SMTP exchange", "aiosmtplib or `await asyncio.to_thread(...)`")
_MAILBOX = Blocking("mail", "a blocking mailbox exchange (POP3/IMAP)", "`await asyncio.to_thread(...)`")
_REMOTE = Blocking("socket", "a blocking network session (FTP/telnet)", "`await asyncio.to_thread(...)`")
_CLOUD = Blocking("cloud", "a blocking cloud SDK call",
                  "the SDK's async variant (aioboto3) or `await asyncio.to_thread(...)`")
_SFTP = Blocking("socket", "a blocking SFTP/SSH exchange", "`await asyncio.to_thread(...)` (or asyncssh)")
_DNS = Blocking("socket", "a blocking DNS query", "`dns.asyncresolver` or `await asyncio.to_thread(...)`")
# a call on a third-party client no entry here names, known to block only because the project runs
# the client's other calls in worker threads (rules/concurrency/_offloaded.py infers it)
OFFLOADED_CLIENT = Blocking(
    "sdk", "a call on a client whose other calls the project runs in worker threads",
    "`await asyncio.to_thread(...)`, as the project does for the client's other calls")
# methods an SDK client offers that build a value from their arguments without a round trip
# (`client.urls.build(path)`, `client.format_key(...)`, `client.encode_body(...)`): that the project
# offloads the client's requests says nothing about them. `sign` and `copy` are not among them: a
# key service signs remotely, and a storage client copies on the server.
_LOCAL_BUILDERS = frozenset({"build", "format", "encode", "decode", "url", "url_for", "serialize",
                             "dumps", "to_dict", "to_json", "with_options"})
_LOCAL_BUILDER_PREFIXES = ("build_", "format_", "encode_", "decode_", "serialize_", "to_")


def builds_locally(method: str) -> bool:
    """Whether an SDK method of this name only builds a value (a URL, an encoded body, a formatted
    key); signing is not among them, since a key service may sign remotely."""
    return method in _LOCAL_BUILDERS or method.startswith(_LOCAL_BUILDER_PREFIXES)

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")

BLOCKING_CALLS: dict[str, Blocking] = {
    "time.sleep": _SLEEP,
    **{f"requests.{verb}": _HTTP for verb in _HTTP_VERBS},
    **{f"requests.Session.{verb}": _HTTP for verb in (*_HTTP_VERBS, "send")},
    **{f"httpx.{verb}": _HTTP for verb in (*_HTTP_VERBS, "stream")},
    **{f"httpx.Client.{verb}": _HTTP for verb in (*_HTTP_VERBS, "send", "stream")},
    "urllib.request.urlopen": _HTTP,
    "urllib3.request": _HTTP,
    "urllib3.PoolManager.request": _HTTP,
    "urllib3.PoolManager.urlopen": _HTTP,
    "http.client.HTTPConnection.request": _HTTP,
    "http.client.HTTPConnection.getresponse": _HTTP,
    "http.client.HTTPSConnection.request": _HTTP,
    "http.client.HTTPSConnection.getresponse": _HTTP,
    "builtins.open": _FILE,
    "io.open": _FILE,
    "os.fdopen": _FILE,  # a file object on a descriptor (`tempfile.mkstemp`): its reads and writes hit the disk
    "codecs.open": _FILE,
    **{f"{mod}.open": _FILE for mod in ("gzip", "bz2", "lzma")},  # compressed files: same disk I/O plus compression
    "pathlib.Path.open": _FILE,  # `Path(...).open()` is the builtin open() on that path
    # archives opened on a path read (or write) the file through (see `negligible` for in-memory ones)
    "zipfile.ZipFile": _FILE,
    "tarfile.open": _FILE,
    "pathlib.Path.read_text": _FILE,
    "pathlib.Path.read_bytes": _FILE,
    "pathlib.Path.write_text": _FILE,
    "pathlib.Path.write_bytes": _FILE,
    # renders the document and writes it to the path given (with no path it only returns bytes)
    "fpdf.FPDF.output": _FILE,
    "fpdf.fpdf.FPDF.output": _FILE,
    "shutil.copy": _TREE,
    "shutil.copy2": _TREE,
    "shutil.copyfile": _TREE,
    "shutil.copytree": _TREE,
    "shutil.move": _TREE,
    "shutil.rmtree": _TREE,
    "shutil.make_archive": _TREE,
    "shutil.unpack_archive": _TREE,
    # listings of a whole directory (or tree): one `stat`-sized read per entry, unbounded in number.
    # A single-path check or removal (`os.path.exists`, `os.unlink`) costs one metadata call: absent.
    **dict.fromkeys(("os.scandir", "os.listdir", "os.walk", "glob.glob", "glob.iglob", "pathlib.Path.iterdir",
                     "pathlib.Path.glob", "pathlib.Path.rglob", "pathlib.Path.walk"), DIRECTORY_SCAN),
    "subprocess.run": _PROC,
    "subprocess.call": _PROC,
    "subprocess.check_call": _PROC,
    "subprocess.check_output": _PROC,
    "subprocess.getoutput": _PROC,
    "subprocess.getstatusoutput": _PROC,
    "subprocess.Popen.wait": _PROC,
    "subprocess.Popen.communicate": _PROC,
    "os.system": _PROC,
    "os.popen": _PROC,
    "os.waitpid": _PROC,
    "socket.create_connection": _SOCKET,
    # given a host, the constructors connect and exchange greetings (see `negligible`)
    "smtplib.SMTP": _MAIL,
    "smtplib.SMTP_SSL": _MAIL,
    **{name: _MAILBOX for name in ("poplib.POP3", "poplib.POP3_SSL", "imaplib.IMAP4", "imaplib.IMAP4_SSL")},
    **{name: _REMOTE for name in ("ftplib.FTP", "ftplib.FTP_TLS", "telnetlib.Telnet")},
    "socket.getaddrinfo": _SOCKET,
    # dnspython's sync resolver waits for the answer (up to its `lifetime`); `dns.asyncresolver` does not
    **{f"dns.resolver.{fn}": _DNS for fn in ("resolve", "query", "resolve_address", "resolve_name",
                                              "Resolver.resolve", "Resolver.query", "Resolver.resolve_address",
                                              "Resolver.resolve_name")},
    **{f"dns.query.{fn}": _DNS for fn in ("udp", "tcp", "https", "tls", "udp_with_fallback")},
    "socket.gethostbyname": _SOCKET,
    "socket.gethostbyname_ex": _SOCKET,
    "socket.gethostbyaddr": _SOCKET,
    **{f"socket.socket.{m}": _SOCKET for m in ("connect", "accept", "recv", "recv_into", "recvfrom", "send",
                                                "sendall", "sendto", "makefile")},
    "sqlite3.connect": _DB,
    "psycopg2.connect": _DB,
    "psycopg.connect": _DB,
    "pymysql.connect": _DB,
    "MySQLdb.connect": _DB,
    "mysql.connector.connect": _DB,
    "cx_Oracle.connect": _DB,
    "pyodbc.connect": _DB,
    **{f"sqlalchemy.Engine.{m}": _DB for m in ("connect", "begin", "execute", "raw_connection")},
    "redis.client.Pipeline.execute": _CACHE,
}

# Types whose every method does I/O, except the ones listed (builders, accessors).
_NO_IO = frozenset({"pipeline", "pubsub", "lock", "from_url", "connection_pool", "register_script", "client",
                    "cursor", "add", "add_all", "expunge", "expunge_all", "begin_nested", "in_transaction",
                    "is_active", "bind", "get_bind", "close", "dirty", "new", "info", "with_for_update",
                    "generate_presigned_url", "generate_presigned_post", "get_paginator", "get_waiter",
                    "can_paginate", "meta", "exceptions", "get_channel", "settimeout"})
BLOCKING_TYPES: dict[str, Blocking] = {
    "redis.Redis": _CACHE,
    "redis.cluster.RedisCluster": _CACHE,
    "sqlite3.Connection": _DB,
    "sqlite3.Cursor": _DB,
    "psycopg2.extensions.connection": _DB,
    "psycopg2.extensions.cursor": _DB,
    "psycopg.Connection": _DB,
    "psycopg.Cursor": _DB,
    "pymysql.connections.Connection": _DB,
    "pymysql.cursors.Cursor": _DB,
    "sqlalchemy.Connection": _DB,
    "sqlalchemy.orm.Session": _DB,
    "pymongo.MongoClient": _DB,
    "smtplib.SMTP": _MAIL,
    "smtplib.SMTP_SSL": _MAIL,
    "ftplib.FTP": _FILE,
    "poplib.POP3": _MAILBOX,
    "poplib.POP3_SSL": _MAILBOX,
    "imaplib.IMAP4": _MAILBOX,
    "imaplib.IMAP4_SSL": _MAILBOX,
    "paramiko.SSHClient": _SOCKET,
    # an SFTP session: every listing, stat, get and put is a round trip on the SSH channel
    "paramiko.Transport": _SFTP,
    "paramiko.SFTPClient": _SFTP,
    "paramiko.sftp_client.SFTPClient": _SFTP,
    "boto3.client": _CLOUD,
    "boto3.resource": _CLOUD,
    "boto3.session.Session.client": _CLOUD,
    # Twilio's REST client sends a blocking HTTP request per resource call
    # (`client.messages.create(...)`, `client.messages(sid).fetch()`); its `*_async` twins do not
    "twilio.rest.Client": _HTTP,
}

_HASH = Blocking("cpu", "password hashing", "`await asyncio.to_thread(...)` (it releases the GIL in C)")
_KDF = Blocking("cpu", "a key-derivation function", "`await asyncio.to_thread(...)`")
_KEYGEN = Blocking("cpu", "key generation", "`await asyncio.to_thread(...)`")
_FRAME = Blocking("cpu", "data-frame processing", "`await asyncio.to_thread(...)` or a process pool for large inputs")
_IMAGE = Blocking("cpu", "image processing", "`await asyncio.to_thread(...)` or a process pool")
_DOC = Blocking("cpu", "document generation/parsing", "`await asyncio.to_thread(...)`")
_DIFF = Blocking("cpu", "text diffing", "`await asyncio.to_thread(...)`")
_QR = Blocking("cpu", "QR code generation", "`await asyncio.to_thread(...)`")

# opening a PDF parses its cross-reference table and object streams in Python: an upload
# of many megabytes costs hundreds of ms before a page is touched
PDF_OPENERS = tuple(f"{lib}.{cls}" for lib in ("pypdf", "PyPDF2") for cls in ("PdfReader", "PdfFileReader"))
CPU_HEAVY_CALLS: dict[str, Blocking] = {
    "bcrypt.hashpw": _HASH,
    "bcrypt.checkpw": _HASH,
    "bcrypt.kdf": _KDF,
    "hashlib.pbkdf2_hmac": _KDF,
    "hashlib.scrypt": _KDF,
    "scrypt.hash": _KDF,
    "werkzeug.security.generate_password_hash": _HASH,
    "werkzeug.security.check_password_hash": _HASH,
    "django.contrib.auth.hashers.make_password": _HASH,
    "django.contrib.auth.hashers.check_password": _HASH,
    **{f"passlib.context.CryptContext.{m}": _HASH for m in ("hash", "verify", "verify_and_update", "encrypt")},
    **{f"passlib.hash.{algo}.{m}": _HASH for algo in ("bcrypt", "argon2", "pbkdf2_sha256", "pbkdf2_sha512",
                                                       "sha256_crypt", "sha512_crypt", "scrypt", "bcrypt_sha256")
       for m in ("hash", "verify", "encrypt")},
    **{f"argon2.PasswordHasher.{m}": _HASH for m in ("hash", "verify")},
    "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key": _KEYGEN,
    "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key": _KEYGEN,
    "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC.derive": _KDF,
    "cryptography.hazmat.primitives.kdf.scrypt.Scrypt.derive": _KDF,
    **{f"pandas.{fn}": _FRAME for fn in ("read_csv", "read_excel", "read_json", "read_parquet", "read_sql",
                                          "read_sql_query", "read_html", "read_xml", "concat", "merge",
                                          "pivot_table", "json_normalize")},
    **{f"pandas.DataFrame.{m}": _FRAME for m in ("groupby", "merge", "join", "pivot", "pivot_table", "apply",
                                                  "sort_values", "to_csv", "to_excel", "to_json", "resample",
                                                  "rolling", "from_records", "from_dict")},
    "pandas.DataFrame": _FRAME,  # building a frame converts every row in Python (see `negligible`)
    "openpyxl.load_workbook": _DOC,
    # builds a Python object per tag of the page (whichever parser feeds it): tens to hundreds of ms a page
    "bs4.BeautifulSoup": _DOC,
    "reportlab.platypus.SimpleDocTemplate.build": _DOC,
    "reportlab.platypus.BaseDocTemplate.build": _DOC,
    "reportlab.pdfgen.canvas.Canvas.save": _DOC,  # lays out and compresses every page drawn so far
    "weasyprint.HTML.write_pdf": _DOC,
    # text extraction interprets every content stream in Python: tens to hundreds of ms a page
    **{f"{lib}.PageObject.{m}": _DOC for lib in ("pypdf", "pypdf._page", "PyPDF2", "PyPDF2._page")
       for m in ("extract_text", "extractText")},
    **{f"pdfminer.high_level.{fn}": _DOC for fn in ("extract_text", "extract_pages", "extract_text_to_fp")},
    **dict.fromkeys(PDF_OPENERS, _DOC),
    # pure-Python sequence matching, quadratic in the lines compared: whole documents take seconds
    **dict.fromkeys((f"difflib.{fn}" for fn in ("unified_diff", "context_diff", "ndiff", "HtmlDiff.make_file",
                                                "HtmlDiff.make_table")), _DIFF),
    # pure-Python QR encoders: Reed-Solomon coding and a penalty score of the whole matrix for each
    # of the eight masks, in Python loops: tens of ms for a short URL, hundreds for a long payload
    **dict.fromkeys(("qrcode.make", "qrcode.QRCode.make", "qrcode.QRCode.make_image",
                     "qrcode.main.QRCode.make", "qrcode.main.QRCode.make_image", "pyqrcode.create",
                     "segno.make", "segno.make_qr"), _QR),
}
# Page methods that extract text, by the PDF libraries that define them: called on a page taken
# from `reader.pages` the object's type is rarely known, but in a module that imports one of
# these libraries the name is theirs.
PDF_TEXT_METHODS: dict[str, tuple[str, ...]] = {
    "extract_text": ("pypdf", "PyPDF2", "pdfplumber"),
    "extractText": ("PyPDF2",),
    "extract_words": ("pdfplumber",),
    "extract_tables": ("pdfplumber",),
}
# ImageOps functions hand back a new image made from the one given: its pixels are the decoded
# upload, so resizing or encoding it costs what it does on the opened image
_IMAGE_TRANSFORMS = tuple(f"PIL.ImageOps.{fn}" for fn in (
    "exif_transpose", "contain", "cover", "fit", "pad", "scale", "expand", "crop", "flip", "mirror",
    "grayscale", "autocontrast", "equalize", "invert", "posterize", "solarize", "colorize"))
CPU_HEAVY_TYPES: dict[str, Blocking] = {
    "PIL.Image.open": _IMAGE,  # the image Image.open returns: decoding happens on first use
    **dict.fromkeys(_IMAGE_TRANSFORMS, _IMAGE),
}
# Hash constructors that, called once per round of a long loop, make hand-rolled key stretching
# (`for _ in range(200_000): digest = hashlib.sha256(digest).digest()`): the cost of pbkdf2_hmac
# plus a Python loop around it.
ITERATED_HASHES = frozenset({*(f"hashlib.{algo}" for algo in ("md5", "sha1", "sha224", "sha256", "sha384",
                                                              "sha512", "sha3_256", "sha3_512", "blake2b",
                                                              "blake2s", "new")),
                             "hmac.new", "hmac.digest"})
STRETCHING = Blocking("cpu", "hand-rolled key stretching",
                      "`await asyncio.to_thread(...)` (or `hashlib.pbkdf2_hmac`, which loops in C)")


# walking the subsets or orderings of a collection: C(n, r) or n!/(n-r)! turns of a Python loop,
# millions once the input has a few dozen items and r is 3 or more
COMBINATORIAL = frozenset({"itertools.combinations", "itertools.permutations",
                           "itertools.combinations_with_replacement"})
COMBINATORIAL_SEARCH = Blocking("cpu", "a combinatorial search",
                                "`await asyncio.to_thread(...)`, and a bound on the input (or a greedy or "
                                "sorted search instead of trying every combination)")


# pure-Python sequence diffing (`difflib`): O(n*m) per pair, so matching one string against a
# whole collection (`get_close_matches`, a `SequenceMatcher` per item of a loop) costs per item
FUZZY_MATCH = frozenset({"difflib.SequenceMatcher", "difflib.get_close_matches"})
FUZZY_SCAN = Blocking("cpu", "a pure-Python fuzzy match over a collection",
                      "`await asyncio.to_thread(...)`, or an index built for the lookup (a trigram index, "
                      "`rapidfuzz.process.extractOne`)")


def stretching_rounds(rounds: object) -> bool:
    """Whether a loop of `rounds` hash rounds costs what a password-strength pbkdf2 does."""
    return isinstance(rounds, int) and not isinstance(rounds, bool) and rounds >= _PBKDF2_LIGHT


_CPU_CHEAP = frozenset({"columns", "index", "shape", "dtypes", "empty", "size", "ndim", "head", "tail", "copy",
                        "close", "info", "format", "mode", "keys", "items", "get"})


def _match(name: str, calls: dict[str, Blocking], types: dict[str, Blocking],
           exempt: frozenset[str]) -> Blocking | None:
    name = canonical(name)
    found = calls.get(name)
    if found is not None:
        return found
    owner, _, method = name.rpartition(".")
    while owner:
        if owner in types:
            return None if method in exempt or method.startswith("_") else types[owner]
        owner, _, _ = owner.rpartition(".")
    return None


def blocking_io(name: str) -> Blocking | None:
    """The blocking I/O a call to the canonical dotted `name` performs, or None."""
    found = _match(name, BLOCKING_CALLS, BLOCKING_TYPES, _NO_IO)
    if found is not None and canonical(name).endswith("_async"):
        return None  # an SDK's coroutine twin of a blocking method (`messages.create_async`)
    return None if found is not None and _read_off_result(canonical(name)) else found


def _read_off_result(name: str) -> bool:
    """`Session.execute.scalar_one_or_none`: a method of the result a statement returned reads
    the answer that round trip brought back, it is not a second one (`Session.query.all`, whose
    `query` only builds, and `Connection.cursor.execute` still are)."""
    owner = name
    while owner and owner not in BLOCKING_TYPES:
        owner = owner.rpartition(".")[0]
    middle = name[len(owner) + 1:].split(".")[:-1] if owner else []
    if owner in _RETURNS_DICTS and len(middle) == 1 and name.rpartition(".")[2] in _DICT_READS:
        return True  # `listing = s3.list_objects_v2(...)`, then `listing.get("Contents")`: a dict read
    return bool(middle) and middle[0] in _RUNS_STATEMENT and name not in BLOCKING_CALLS


# clients whose operations answer with a plain dict, and the reads of one
_RETURNS_DICTS = frozenset({"boto3.client", "boto3.session.Session.client"})
_DICT_READS = frozenset({"get", "items", "keys", "values"})
# methods that run a statement and hand back its result (`session.query(...)` only builds one)
_RUNS_STATEMENT = frozenset({"execute", "exec", "scalars", "execute_command"})


def cpu_heavy(name: str) -> Blocking | None:
    """The CPU-heavy work a call to `name` does, or None."""
    return _match(_frame_method(name), CPU_HEAVY_CALLS, CPU_HEAVY_TYPES, _CPU_CHEAP)


# Calls that return a pandas DataFrame: a method called on their result is a DataFrame method
# (`pd.DataFrame.from_records(rows).pivot_table(...)` resolves as `...from_records.pivot_table`).
_FRAME_MAKERS = ("pandas.DataFrame.from_records.", "pandas.DataFrame.from_dict.", "pandas.read_csv.",
                 "pandas.read_sql.", "pandas.read_sql_query.", "pandas.read_parquet.", "pandas.read_json.",
                 "pandas.json_normalize.", "pandas.concat.", "pandas.merge.")


def _frame_method(name: str) -> str:
    for maker in _FRAME_MAKERS:
        if name.startswith(maker):
            method = name[len(maker):]
            return f"pandas.DataFrame.{method}" if method and "." not in method else name
    return name


CUSTOM = Blocking("custom", "a call listed in blocking_calls", "`await asyncio.to_thread(...)`")


def configured(name: str, patterns: list[str]) -> Blocking | None:
    """A call the user listed in `blocking_calls`: an exact dotted name or anything below it."""
    for pattern in patterns:
        pattern = pattern.rstrip(".*")
        if name == pattern or name.startswith(pattern + "."):
            return CUSTOM
    return None


_FRAME_BUILDERS = frozenset({"pandas.DataFrame", "pandas.DataFrame.from_records", "pandas.DataFrame.from_dict"})
# constructors that connect only when given a host (`imaplib.IMAP4()` connects to localhost: not here)
_CONNECTING_CONSTRUCTORS = frozenset({"smtplib.SMTP", "smtplib.SMTP_SSL", "ftplib.FTP", "ftplib.FTP_TLS",
                                      "telnetlib.Telnet"})
_PBKDF2_LIGHT = 50_000  # below this many iterations pbkdf2_hmac costs a few milliseconds at most


def negligible(name: str, args: tuple, kwargs: dict) -> bool:
    """A listed call whose literal arguments make it cheap: `time.sleep(0)`, `pbkdf2_hmac` with a
    small iteration count (a key derived for an identifier, not a password), or a data frame
    built from nothing or from a table written out in the code."""
    name = canonical(name)
    if name == "time.sleep":
        return args[:1] in ((0,), (0.0,))
    if name in _CONNECTING_CONSTRUCTORS:  # `SMTP()`, `FTP()` without a host connect later, in `connect()`
        return not args and "host" not in kwargs
    if name in _FRAME_BUILDERS:  # a frame built from a literal table in the code is small
        return _written_out(kwargs.get("data", args[0] if args else None))
    if name == "hashlib.pbkdf2_hmac":
        rounds = kwargs.get("iterations", args[3] if len(args) > 3 else None)
        return isinstance(rounds, int) and not isinstance(rounds, bool) and rounds < _PBKDF2_LIGHT
    if name in _ARCHIVES:  # `zipfile.ZipFile(io.BytesIO(upload))`: an archive in memory, no disk
        return _in_memory(kwargs.get("fileobj", kwargs.get("file", args[0] if args else None)))
    if name in _RENAMES:  # `shutil.move("Dockerfile", backup)`: one named file, not a tree
        source = kwargs.get("src", args[0] if args else None)
        return isinstance(source, str) and "/" not in source and "\\" not in source and "*" not in source
    if name.endswith("socket.connect"):  # `sock.connect(("127.0.0.1", port))`: a loopback handshake
        address = args[0] if args else None
        items = address.get("items", ()) if isinstance(address, dict) else ()
        return bool(items) and isinstance(items[0], str) and items[0] in LOOPBACK
    return False


_RENAMES = frozenset({"shutil.move", "os.rename", "os.replace"})
_ARCHIVES = frozenset({"zipfile.ZipFile", "tarfile.open"})
# file objects that live in memory: reading or writing them touches no disk
MEMORY_FILES = frozenset({"io.BytesIO", "BytesIO", "io.StringIO", "StringIO"})
# the host names of this machine: a connection to them reaches no remote peer
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def _in_memory(value: object) -> bool:
    """A file object built in place from bytes in memory (`io.BytesIO(data)`)."""
    return isinstance(value, dict) and value.get("call") in MEMORY_FILES


def _written_out(value: object) -> bool:
    """No data, or a table written out in the code: constants and literal containers of them
    (not a comprehension, a variable or a call, which bring rows from elsewhere)."""
    if value is None or isinstance(value, (str, int, float, bool, list)):
        return True
    if not isinstance(value, dict) or value.get("literal") not in ("list", "tuple", "dict", "set"):
        return False
    items = value.get("items", ())  # absent for nested containers: literal ones are written out too
    return all(_written_out(part) for item in items for part in (item if value["literal"] == "dict" else [item]))


# Calls that decode values out of a binary buffer, by where their buffer argument sits (0-based).
# One such call per iteration of a Python loop over an upload or an audio/sensor blob costs a
# microsecond or more per value: seconds for a few megabytes of 16-bit samples.
VALUE_DECODERS: dict[str, int] = {"struct.unpack": 1, "struct.unpack_from": 1, "struct.iter_unpack": 1,
                                  "builtins.int.from_bytes": 0}
PER_VALUE_DECODE = Blocking("cpu", "decoding a binary buffer one value per Python iteration",
                            "`array.array`/`numpy.frombuffer` (decodes in C), or `await asyncio.to_thread(...)`")


def known_library(name: str) -> bool:
    """Whether this module describes the library the canonical dotted `name` belongs to (an entry
    under its top-level package, `boto3.client.generate_presigned_url` -> boto3): what such a call
    does is then answered here, not guessed from how the project uses it."""
    root = canonical(name).split(".", 1)[0]
    return root in _KNOWN_ROOTS


_KNOWN_ROOTS = frozenset(key.split(".", 1)[0] for table in (BLOCKING_CALLS, BLOCKING_TYPES, CPU_HEAVY_CALLS,
                                                             CPU_HEAVY_TYPES) for key in table)
