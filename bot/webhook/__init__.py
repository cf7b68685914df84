"""Webhook mode: Telegram posts updates to the console's server; each is recorded, then handled.

``secret`` derives the secret token every instance agrees on; ``routes`` receives deliveries;
``inbox`` handles what was recorded, in the background, the way polling does; ``start`` wires
them into the Application and registers (or removes) the webhook.
"""
