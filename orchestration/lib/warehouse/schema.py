"""Tables of schema ``filings``. Every line_no is 1-based and points into documents.text.

filings.facts is written from the parser's Fact (fact_table.py); docs/metrics.md and docs/periods.md
explain its metric and period codes.
"""

from orchestration.lib.warehouse.fact_table import fact_ddl

DDL = """
create schema if not exists filings;
create table if not exists filings.documents (
    source_file varchar primary key,      -- base name of the landed file: one row per file
    filing_id varchar not null,           -- from the content hash; duplicates share it
    sha256 varchar not null,
    size_bytes bigint not null,
    format varchar,                       -- txt | html | pdf
    encoding varchar,
    status varchar not null,              -- parsed | failed | duplicate
    error varchar,                        -- the reason, for failed and duplicate rows
    duplicate_of varchar,                 -- source_file of the first file with the same content
    company_name varchar,
    short_name varchar,
    stock_code varchar,
    stock_code_source varchar,            -- printed | mention in <file>:<line>
    exchange varchar,                     -- SSE | SZSE | BSE
    doc_kind varchar,                     -- inquiry_reply | auditor_statement | feasibility_report | prospectus
                                          -- | annual_report | semiannual_report | quarterly_report
    report_period varchar,                -- the period a periodic report covers: FY2019, 2020M01-M06, 2021M01-M03
    published_date date,
    published_date_precision varchar,     -- day | month
    sponsor varchar,
    auditor varchar,
    n_lines integer not null,
    text varchar,                         -- extracted text; every line number points into it
    layout varchar,                       -- DocumentLayout JSON: the source's tables as grids, page starts
    ingested_at timestamp not null        -- when this content was first ingested under this name
);
create table if not exists filings.parse_runs (
    filing_id varchar primary key,
    status varchar not null,              -- parsed | partial (tables lost to parser errors) | failed
    error varchar,                        -- the reason: the filing's error, or each lost table's
    section_count integer,
    table_count integer,
    fact_count integer,
    ambiguous_cell_count integer,
    unmapped_label_count integer,
    seconds double,
    tables_lost integer                   -- tables left out because the parser failed on them
);
-- Warehouses created before tables_lost existed gain the column.
alter table filings.parse_runs add column if not exists tables_lost integer;
create table if not exists filings.sections (
    filing_id varchar not null,
    section_id varchar not null,
    parent_id varchar,
    level integer not null,               -- 0 问题N, 1 一、, 2 (一), 3 1、, 4 (1), 5 ①
    marker varchar not null,
    title varchar,
    line_start integer not null,
    line_end integer not null,
    primary key (filing_id, section_id)
);
create table if not exists filings.tables (
    filing_id varchar not null,
    table_id varchar not null,
    layout varchar not null,              -- tab | space | concat
    line_start integer not null,
    line_end integer not null,
    title varchar,
    unit varchar,                         -- from the caption, e.g. 万元
    header_label varchar,
    columns varchar[],
    row_count integer not null,
    decided_by varchar,                   -- header | verified | contradicted | unverifiable: how columns got periods
    primary key (filing_id, table_id)
);
create table if not exists filings.table_findings (
    filing_id varchar not null,
    table_id varchar not null,
    check_name varchar not null,          -- change | share | margin | total: the arithmetic the table failed
    row_label varchar,
    line_no integer,
    printed double,                       -- the value the table prints
    expected double,                      -- what the header's reading computes for it
    header_reading varchar,               -- the columns as the header names them
    other_reading varchar,                -- the reading the arithmetic supports instead, if one does
    detail varchar
);
create table if not exists filings.cells (
    filing_id varchar not null,
    table_id varchar not null,
    row_index integer not null,
    cell_index integer,                   -- the cell's place in its row: a table fact's id is t<table>-r<row>-c<cell_index>
    row_label varchar,
    row_id varchar,
    group_label varchar,
    col integer not null,                 -- index into tables.columns; -1 when no column could be assigned
    column_label varchar,
    line_no integer not null,
    raw_text varchar not null,
    value double,
    unit varchar,
    ambiguous boolean not null,
    note varchar
);
create table if not exists filings.sources (
    announcement_id varchar primary key,  -- cninfo's announcementId: one row per fetched announcement
    stock_code varchar not null,
    sec_name varchar,                     -- the issuer's short name as the source lists it
    title varchar not null,               -- without highlight tags
    kind varchar not null,                -- reply | prospectus | feasibility | annual | semiannual
    version varchar not null,             -- original, or the revision marker (修订稿, 豁免版, 更新后, ...)
    announcement_date date not null,      -- in Asia/Shanghai
    url varchar not null,                 -- the document's public address
    size_bytes bigint not null,
    sha256 varchar not null,              -- of the landed file: joins filings.documents.sha256
    file_name varchar not null,           -- its name in the landing folder (filings.documents.source_file)
    origin varchar not null,              -- live | snapshot
    fetched_at timestamp not null         -- when it was first fetched
);
create table if not exists filings.unmapped_labels (
    filing_id varchar not null,
    label_zh varchar not null,
    fact_count integer not null
);
-- Columns added after the first release: a warehouse created before them gains them here.
alter table filings.documents add column if not exists report_period varchar;
alter table filings.documents add column if not exists layout varchar;
alter table filings.tables add column if not exists decided_by varchar;
alter table filings.cells add column if not exists cell_index integer;
-- What an unchanged file is recognised by on a re-run: the code that read it and parsed it, and the run that did.
alter table filings.documents add column if not exists reader_version varchar;
alter table filings.parse_runs add column if not exists parser_version varchar;
alter table filings.parse_runs add column if not exists run_id varchar;
create table if not exists filings.pipeline_state (
    stage varchar primary key,            -- downstream: the marts, checks, model and report
    fingerprint varchar not null,         -- its inputs (files, reader and parser versions) and its code, when built
    recorded_at timestamp not null
);
""" + fact_ddl()
