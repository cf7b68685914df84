"""Developer and demo tooling that ships with the product: the in-process Bot API sandbox, the
scripted demo (`concierge demo`), the interactive shell (`concierge shell`) and the scenario
helpers they share. Nothing in the bot itself imports from here."""
