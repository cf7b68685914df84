-- Onboarding a new provider from the console (bot/domain/onboard): the application staff fill
-- in, and its documents. The documents' bytes are kept here, in the database, not in a folder
-- beside it: a document and the application it belongs to change in one transaction, and
-- `concierge backup` (SQLite's online backup) and `restore` carry them with everything else.
-- A document is at most 2 MB and a provider has a few, so the file grows little.

CREATE TABLE provider_applications (
    id          INTEGER PRIMARY KEY,
    state       TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected')),
    provider_id TEXT NOT NULL,           -- the id the provider gets when approved
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    contact     TEXT NOT NULL,           -- private: shown to staff on this page only
    buildings   TEXT NOT NULL,           -- JSON list of building names
    offers      TEXT NOT NULL,           -- JSON list of {service, price, market_price}
    created_by  INTEGER NOT NULL,        -- people.id of the staff member
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    decided_by  INTEGER,
    decided_at  TEXT
);
CREATE INDEX provider_applications_by_state ON provider_applications(state, id);

CREATE TABLE provider_documents (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES provider_applications(id),
    kind           TEXT NOT NULL CHECK (kind IN ('licence', 'insurance')),
    content_type   TEXT NOT NULL,        -- from the file's first bytes, not its name
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    expires_on     TEXT NOT NULL,        -- YYYY-MM-DD
    data           BLOB NOT NULL,
    uploaded_by    INTEGER NOT NULL,
    uploaded_at    TEXT NOT NULL,
    removed_at     TEXT                  -- a document staff took off the application
);
CREATE INDEX provider_documents_by_application ON provider_documents(application_id);
