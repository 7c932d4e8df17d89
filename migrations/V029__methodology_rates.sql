-- A methodology version pins the currency rate table with its statements (METHODOLOGY.md section 8):
-- each version's rates are its own resource (methodology/v<N>/currency-rates.json), copied here on start,
-- and the version's funding statement reads only its own rows. A later correction of a rate for version 2
-- cannot move a version 1 figure. currency_rate (V001) stays the service's current table (the funding API's
-- conversions shown beside a record).
CREATE TABLE methodology_currency_rate (
    methodology_version int     NOT NULL CHECK (methodology_version > 0),
    currency            text    NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    year                int     NOT NULL,
    usd_per_unit        numeric NOT NULL CHECK (usd_per_unit > 0),
    source_url          text    NOT NULL,
    PRIMARY KEY (methodology_version, currency, year)
);
