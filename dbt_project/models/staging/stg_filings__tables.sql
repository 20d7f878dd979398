with source as (
    select * from {{ source('filings', 'tables') }}
),

renamed as (
    select
        filing_id,
        table_id,
        layout,
        line_start,
        line_end,
        title as caption,
        unit as caption_unit,
        header_label,
        columns as column_labels,
        row_count,
        decided_by
    from source
)

select * from renamed
