"""Text helpers that still carry their Python 2 branches."""
import sys

PY2 = sys.version_info[0] == 2
TEXT = unicode if PY2 else str

if sys.version_info < (3,):
    STRING_TYPES = (basestring,)
else:
    STRING_TYPES = (str,)


def as_text(value):
    return str(value) if not PY2 else unicode(value)


def count(n):
    if sys.version_info >= (3, 8):
        return list(xrange(n))  # expect: undefined-name
    return list(range(n))


def decode(raw):
    return unicod(raw)  # expect: undefined-name
