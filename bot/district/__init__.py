"""Many communities in one deployment (issue 16): each community keeps its own store and its
own running copy of the bot; this package reads the folder of community files
(:mod:`bot.district.sites`), and routes each update to the community it belongs to
(:mod:`bot.district.router`, wired by :mod:`bot.district.app`). See docs/deploy.md, "Many
communities"."""
