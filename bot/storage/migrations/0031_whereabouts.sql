-- Many communities (issue 16): when a person last came to this community (wrote in its
-- group, opened one of its links, picked or named it) and when it last wrote to them. The
-- district's router compares these across the communities that know someone, so after a
-- restart a person known in several is still routed to the right one, not asked again.
-- Kept in each community's own store: it is a fact about this community, and no store holds
-- anything about another community's people.
CREATE TABLE whereabouts (
    telegram_id INTEGER PRIMARY KEY,
    came_at     TEXT,
    told_at     TEXT
);
