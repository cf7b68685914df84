"""The elders table: who is enrolled, their times, pauses and planning marks."""
