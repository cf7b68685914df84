"""The staff web console's HTTP side (aiohttp): server, routes, pages, HTML."""
