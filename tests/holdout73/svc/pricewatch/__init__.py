"""PriceWatch backend: product tracking, crawling and price-drop alerts."""

__version__ = "2.14.3"
