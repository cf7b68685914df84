"""The Concierge application: settings, storage, domain services, outbox, scheduling, sandbox."""
