"""Bundled data: the sample community file."""
