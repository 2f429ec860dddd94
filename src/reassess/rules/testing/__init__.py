"""Rules about the test suite: what it reaches and what coverage data says."""
