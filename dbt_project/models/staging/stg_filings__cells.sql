with source as (
    select * from {{ source('filings', 'cells') }}
),

renamed as (
    select
        filing_id,
        table_id,
        row_index,
        cell_index,
        col,
        row_label,
        row_id,
        group_label,
        column_label,
        line_no,
        raw_text,
        value,
        unit,
        ambiguous as is_ambiguous,
        note
    from source
)

select * from renamed
