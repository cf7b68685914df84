"""Domain services: the rules of the community, free of Telegram."""
