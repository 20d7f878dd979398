with documents as (
    select * from {{ ref('stg_filings__documents') }}
    where status = 'parsed'
),

final as (
    select
        filing_id,
        source_file,
        short_name as company_short_name,
        company_name,
        stock_code,
        exchange,
        doc_kind,
        published_date,
        published_date_precision,
        sponsor,
        auditor,
        format,
        n_lines as line_count
    from documents
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by filing_id
