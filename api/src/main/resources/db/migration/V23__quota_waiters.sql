-- Who waits for a slot of each quota, in the order they first asked (place). Kept beside the slots, so that a
-- restarted dmflow hands the next free slot to the first waiter at once instead of leaving the slot idle until the
-- waiters' fallback timers make them ask again, and so that every dmflow process on the database sees one line.
CREATE TABLE quota_waiter (
    quota_name    VARCHAR(255) NOT NULL REFERENCES quota (name) ON DELETE CASCADE,
    holder        VARCHAR(255) NOT NULL,
    place         BIGSERIAL    NOT NULL,
    waiter_limit  INTEGER      NOT NULL,
    last_asked_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (quota_name, holder)
);

CREATE INDEX quota_waiter_line ON quota_waiter (quota_name, place);
CREATE INDEX quota_waiter_holder ON quota_waiter (holder);
