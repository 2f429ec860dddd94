"""Look-alikes: a big settings class with no methods, and a class with nine methods."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ShopSettings:
    name: str = "shop"
    currency: str = "EUR"
    tax_rate: float = 0.19
    free_shipping_over: float = 50.0
    shipping_fee: float = 4.95
    max_cart_items: int = 50
    max_quantity: int = 10
    review_min_length: int = 20
    review_max_length: int = 2000
    reviews_enabled: bool = True
    guest_checkout: bool = True
    newsletter_opt_in: bool = False
    support_email: str = "support@example.com"
    sender_email: str = "shop@example.com"
    payment_provider: str = "stripe"
    payment_timeout: float = 10.0
    mail_timeout: float = 5.0
    search_limit: int = 25
    search_min_length: int = 2
    page_size: int = 20
    max_page_size: int = 100
    cache_ttl: int = 60
    cache_prefix: str = "shop:"
    image_cdn: str = "https://cdn.example.com"
    image_sizes: tuple[int, ...] = (64, 256, 1024)
    locale: str = "de_DE"
    timezone: str = "Europe/Berlin"
    maintenance: bool = False
    maintenance_message: str = "We are updating the shop."
    analytics_id: str = ""
    feature_wishlist: bool = False
    feature_gift_cards: bool = False
    feature_subscriptions: bool = False
    feature_bundles: bool = False
    feature_recommendations: bool = True
    recommendation_count: int = 8
    recommendation_model: str = "popular"
    fraud_check: bool = True
    fraud_threshold: float = 0.8
    fraud_review_queue: str = "fraud"
    warehouse_api: str = "https://warehouse.example.com"
    warehouse_timeout: float = 3.0
    warehouse_retries: int = 3
    returns_days: int = 30
    returns_address: str = "Returns, Example Street 1"
    invoice_prefix: str = "INV-"
    invoice_footer: str = "Thank you for shopping with us."
    vat_id: str = ""
    legal_name: str = "Example Shop GmbH"
    legal_address: str = "Example Street 1, Berlin"
    opening_hours: str = "Mon-Fri 9-18"
    phone: str = "+49 30 000000"
    social_links: tuple[str, ...] = ()
    seo_title: str = "Example Shop"
    seo_description: str = "Everything you need."
    sitemap_enabled: bool = True
    robots_policy: str = "index,follow"
    cookie_banner: bool = True
    cookie_policy_url: str = "/cookies"
    privacy_policy_url: str = "/privacy"
    terms_url: str = "/terms"
    imprint_url: str = "/imprint"
    status_page_url: str = ""
    sentry_dsn: str = ""
    log_level: str = "INFO"
    debug: bool = False
    admin_email: str = "admin@example.com"
    admin_ips: tuple[str, ...] = ()
    backup_bucket: str = ""
    backup_hour: int = 3
    export_format: str = "csv"
    export_bucket: str = ""
    import_batch: int = 500
    import_timeout: float = 60.0
    webhooks_enabled: bool = False
    webhook_secret: str = ""
    webhook_timeout: float = 5.0
    rate_limit_per_minute: int = 120
    rate_limit_burst: int = 20


class Cart:
    def __init__(self) -> None:
        self.items: dict[int, int] = {}

    def add(self, product_id: int, quantity: int = 1) -> None:
        self.items[product_id] = self.items.get(product_id, 0) + quantity

    def remove(self, product_id: int) -> None:
        self.items.pop(product_id, None)

    def set_quantity(self, product_id: int, quantity: int) -> None:
        if quantity <= 0:
            self.remove(product_id)
        else:
            self.items[product_id] = quantity

    def clear(self) -> None:
        self.items.clear()

    def count(self) -> int:
        return sum(self.items.values())

    def is_empty(self) -> bool:
        return not self.items

    def product_ids(self) -> list[int]:
        return sorted(self.items)

    def as_lines(self) -> list[dict]:
        return [{"product_id": pid, "quantity": qty} for pid, qty in sorted(self.items.items())]
