"""Outbound integrations: registry (EPP + REST), nameserver nodes, ACME CA, mail, WHOIS, webhooks."""
