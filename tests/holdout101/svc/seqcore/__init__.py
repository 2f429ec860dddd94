"""seqcore: sequencing core-facility LIMS backend."""

__version__ = "2.7.1"
