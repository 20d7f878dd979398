with facts as (
    select * from {{ ref('stg_filings__facts') }}
),

documents as (
    select filing_id, published_date from {{ ref('stg_filings__documents') }} where status = 'parsed'
),

-- the group label of a table fact's row ("销售率提升5%" over a block of a sensitivity table)
cell_groups as (
    select filing_id, table_id || '-r' || row_index || '-c' || cell_index as fact_id, group_label
    from {{ ref('stg_filings__cells') }}
    where group_label is not null
),

vocabulary as (
    select metric, unit_kind from {{ ref('metric_vocabulary') }}
),

valued as (
    select
        facts.*,
        documents.published_date,
        vocabulary.unit_kind,
        case
            when vocabulary.unit_kind = 'money' then {{ in_column_unit('facts.value', 'facts.unit', 'wan_factor') }}
            else facts.value
        end as value_normalised,
        {{ period_kind('facts.period') }} as period_kind,
        {{ period_start_date('facts.period') }} as period_start_date,
        {{ period_end_date('facts.period') }} as period_end_date,
        {{ model_year('facts.period') }} as model_year,
        -- t<table>-r<row>-c<col>: the printed row a table fact sits on; null for prose facts
        nullif(regexp_extract(facts.fact_id, '^(t\d+-r\d+)-c\d+$', 1), '') as table_row,
        cell_groups.group_label,
        {{ names_a_scenario("concat_ws(' ', facts.row_label, facts.column_label, facts.entity, cell_groups.group_label)") }}
            as is_scenario
    from facts
    left join documents using (filing_id)
    left join cell_groups using (filing_id, fact_id)
    left join vocabulary using (metric)
)

select * from valued
