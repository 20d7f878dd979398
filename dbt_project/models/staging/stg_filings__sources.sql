with sources as (
    select * from {{ source('filings', 'sources') }}
),

-- Duplicates share their content hash with the first holder: join that one, so each announcement keeps one row.
documents as (
    select source_file, filing_id, sha256, status
    from {{ source('filings', 'documents') }}
    where duplicate_of is null
),

final as (
    select
        sources.announcement_id,
        sources.stock_code,
        sources.sec_name,
        sources.title,
        sources.kind,
        sources.version,
        sources.announcement_date,
        sources.url,
        sources.size_bytes,
        sources.sha256,
        sources.file_name,
        sources.origin,
        sources.fetched_at,
        documents.source_file,
        documents.filing_id,
        documents.status as document_status
    from sources
    left join documents on documents.sha256 = sources.sha256
)

select * from final
