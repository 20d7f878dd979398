with source as (
    select * from {{ source('filings', 'documents') }}
),

renamed as (
    select
        source_file,
        filing_id,
        sha256,
        format,
        encoding,
        status,
        error,
        duplicate_of,
        company_name,
        short_name,
        stock_code,
        stock_code_source,
        exchange,
        doc_kind,
        published_date,
        published_date_precision,
        sponsor,
        auditor,
        n_lines,
        size_bytes,
        ingested_at
    from source
)

select * from renamed
