with facts as (
    select * from {{ source('filings', 'facts') }}
),

documents as (
    select filing_id, stock_code, short_name
    from {{ source('filings', 'documents') }}
    where status = 'parsed'
),

final as (
    select
        facts.filing_id,
        facts.fact_id,
        documents.stock_code,
        documents.short_name as company_short_name,
        facts.section_id,
        facts.table_id,
        facts.table_id is not null as is_table_fact,
        facts.line_no,
        facts.raw_text,
        facts.value,
        facts.unit,
        facts.row_label,
        facts.column_label,
        facts.period,
        facts.entity,
        facts.entity_kind,
        facts.label_zh,
        facts.metric,
        facts.ambiguous as is_ambiguous,
        facts.page,
        facts.confidence,
        facts.value_wan,
        facts.decimals
    from facts
    inner join documents using (filing_id)
)

select * from final
