-- tenant sign-up requests from the public self-service endpoint, for an operator to review
CREATE TABLE directory.signup_requests (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    domain      text NOT NULL,
    contact     text NOT NULL,
    client_ip   text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signup_requests_created ON directory.signup_requests (created_at);
