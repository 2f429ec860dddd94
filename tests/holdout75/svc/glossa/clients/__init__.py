from glossa.clients.billing_sdk import BillingClient
from glossa.clients.deepl import DeepLClient
from glossa.clients.git_host import GitHostClient
from glossa.clients.google_mt import GoogleMTClient
from glossa.clients.storage import ObjectStorage

__all__ = ["BillingClient", "DeepLClient", "GitHostClient", "GoogleMTClient", "ObjectStorage"]
