"""Operator commands run beside the bot: setup import and export, backups, CSV exports."""
