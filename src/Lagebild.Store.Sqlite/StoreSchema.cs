namespace Lagebild.Store.Sqlite;

/// <summary>One step of the schema: applied once, in order, inside its own transaction.</summary>
internal sealed record Migration(int Version, string Description, string Sql);

/// <summary>
/// The store's schema as an ordered list of migrations. The version reached is kept in PRAGMA user_version;
/// PRAGMA application_id marks the file as a Lagebild store. A change to the schema is a new migration appended
/// here, never an edit of an applied one.
/// </summary>
internal static class StoreSchema
{
    /// <summary>"LGBD": tells a Lagebild store from any other SQLite file.</summary>
    public const int ApplicationId = 0x4C474244;

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "articles, urls, stages, layers, extraction tables, full-text index", Version1),
        new(2, "articles.input_id: the input record's own id (the contract's origin when there is one)", Version2),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    // Offsets (span_start, span_end, end exclusive) are UTF-16 code units into articles.text, as in the JSON contract.
    // Child rows hang off articles.seq (the rowid, compact and what the FTS index keys on); "idx" is the position of
    // the item in the contract's array, so a row can always be matched with its JSON.
    private const string Version1 = """
        CREATE TABLE articles (
            seq           INTEGER PRIMARY KEY,
            id            TEXT NOT NULL UNIQUE,   -- Article.Id: hash of the normalised text
            url           TEXT,                   -- the first URL seen; all of them are in article_urls
            title         TEXT,
            source        TEXT,
            author        TEXT,
            published     TEXT,                   -- as in the contract, offset kept
            published_utc TEXT,                   -- yyyy-MM-ddTHH:mm:ssZ, for range filters and ordering
            language      TEXT NOT NULL,
            dateline      TEXT,
            text          TEXT NOT NULL,
            origin        TEXT NOT NULL,          -- where the stored copy was read from
            pipeline      TEXT NOT NULL,          -- the versioned stage names that produced the layers, sorted
            ingested_at   TEXT NOT NULL,
            contract      BLOB NOT NULL           -- the compact contract JSON, UTF-8, Brotli-compressed
        );
        CREATE INDEX articles_published ON articles(published_utc);
        CREATE INDEX articles_source ON articles(source);

        -- Every URL under which the same content was seen: republished copies keep their own URL, outlet and date.
        CREATE TABLE article_urls (
            article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            url         TEXT NOT NULL,
            source      TEXT,
            published   TEXT,
            origin      TEXT NOT NULL,
            first_seen  TEXT NOT NULL,
            PRIMARY KEY (article_seq, url)
        ) WITHOUT ROWID;
        CREATE INDEX article_urls_url ON article_urls(url);

        -- Stage name -> version of every stage that ran over the stored copy.
        CREATE TABLE article_stages (
            article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            stage       TEXT NOT NULL,
            version     TEXT NOT NULL,
            PRIMARY KEY (article_seq, stage)
        ) WITHOUT ROWID;

        -- Every stored layer as JSON (language, sentences, warnings, optionally tokens), with its item count.
        CREATE TABLE article_layers (
            article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            layer       TEXT NOT NULL,
            item_count  INTEGER NOT NULL,
            data        TEXT NOT NULL,
            PRIMARY KEY (article_seq, layer)
        ) WITHOUT ROWID;

        CREATE TABLE entities (
            article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            idx         INTEGER NOT NULL,
            span_start  INTEGER NOT NULL,
            span_end    INTEGER NOT NULL,
            mention     TEXT NOT NULL,
            type        TEXT,                     -- PER, ORG, GPE, LOC, ...
            actor_id    TEXT,                     -- knowledge-base id of the linked actor
            actor_code  TEXT,                     -- CAMEO actor code, e.g. CHNGOV
            actor_name  TEXT,                     -- canonical name
            chain       INTEGER,                  -- coreference chain within the article
            PRIMARY KEY (article_seq, idx)
        ) WITHOUT ROWID;
        CREATE INDEX entities_actor_code ON entities(actor_code);

        CREATE TABLE events (
            article_seq    INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            idx            INTEGER NOT NULL,
            source_code    TEXT,                  -- CAMEO actor codes of both sides
            source_name    TEXT,
            source_entity  INTEGER,               -- entities.idx of the mention, when linked
            target_code    TEXT,
            target_name    TEXT,
            target_entity  INTEGER,
            code           TEXT,                  -- CAMEO event code, e.g. 0312
            root           TEXT,                  -- CAMEO root code, e.g. 03
            quad_class     INTEGER,               -- 1 verbal cooperation .. 4 material conflict
            goldstein      REAL,
            plover         TEXT,                  -- PLOVER event type
            modality       TEXT,                  -- asserted, reported, hypothetical, negated, ...
            symmetric      INTEGER,
            date           TEXT,                  -- when it happened, ISO 8601, possibly partial
            place          TEXT,
            place_idx      INTEGER,               -- places.idx, when resolved
            sentence       INTEGER,
            evidence_start INTEGER,
            evidence_end   INTEGER,
            evidence       TEXT,
            PRIMARY KEY (article_seq, idx)
        ) WITHOUT ROWID;
        CREATE INDEX events_source_code ON events(source_code);
        CREATE INDEX events_target_code ON events(target_code);
        CREATE INDEX events_code ON events(code);

        CREATE TABLE quotes (
            article_seq    INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            idx            INTEGER NOT NULL,
            span_start     INTEGER NOT NULL,
            span_end       INTEGER NOT NULL,
            text           TEXT NOT NULL,
            direct         INTEGER,               -- 1 direct speech, 0 indirect
            speaker_name   TEXT,
            speaker_code   TEXT,
            speaker_entity INTEGER,
            cue_start      INTEGER,
            cue_end        INTEGER,
            cue            TEXT,
            PRIMARY KEY (article_seq, idx)
        ) WITHOUT ROWID;
        CREATE INDEX quotes_speaker_code ON quotes(speaker_code);

        CREATE TABLE times (
            article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            idx         INTEGER NOT NULL,
            span_start  INTEGER NOT NULL,
            span_end    INTEGER NOT NULL,
            text        TEXT NOT NULL,
            type        TEXT,                     -- DATE, TIME, DURATION, SET
            value       TEXT,                     -- normalised value, e.g. 2023-03-01
            PRIMARY KEY (article_seq, idx)
        ) WITHOUT ROWID;

        CREATE TABLE places (
            article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            idx         INTEGER NOT NULL,
            span_start  INTEGER NOT NULL,
            span_end    INTEGER NOT NULL,
            text        TEXT NOT NULL,
            name        TEXT,
            country     TEXT,                     -- ISO 3166-1 alpha-2
            lat         REAL,
            lon         REAL,
            geo_id      TEXT,
            role        TEXT,                     -- dateline, event, mention
            PRIMARY KEY (article_seq, idx)
        ) WITHOUT ROWID;
        CREATE INDEX places_country ON places(country);

        -- Full-text index over title and text; the rows live in articles, triggers keep the index in step.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        """;

    // The contract's "origin" is the input's own id when it has one (a JSONL "id"), else articles.origin.
    private const string Version2 = """
        ALTER TABLE articles ADD COLUMN input_id TEXT;  -- the input record's own id, null when it had none
        """;
}
