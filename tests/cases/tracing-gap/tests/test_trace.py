from opentelemetry import trace


def test_tracer_available():
    assert trace.get_tracer("t") is not None
