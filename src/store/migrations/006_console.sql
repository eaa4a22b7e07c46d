-- Console sign-in tokens for township staff (county staff use ADMIN_TOKEN); only a hash is stored.
CREATE TABLE console_tokens (
  id           serial PRIMARY KEY,
  township_id  text NOT NULL REFERENCES townships(id),
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
