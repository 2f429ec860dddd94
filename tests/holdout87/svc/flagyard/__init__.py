"""flagyard: feature flags and experimentation for product teams."""

__version__ = "2.14.0"
