"""Telegram in and out: parse an Update, call the domain, render a reply. Kept thin."""
