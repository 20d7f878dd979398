with facts as (
    select * from {{ ref('int_facts__attributed') }}
    where table_row is not null and project_id is not null
),

-- An investment table lists amounts (or proceeds) by item with no period on its columns. A table whose
-- rows name projects is a use-of-proceeds table: its rows are projects (see int_projects__capex_totals).
capex_tables as (
    select filing_id, table_id
    from facts
    group by filing_id, table_id
    having count(*) filter (where metric in {{ metric_group('capex_amount') }}) > 0
        and count(period) = 0
        and not bool_or(coalesce(regexp_matches(row_label, '项目'), false))
),

item_facts as (
    select facts.*
    from facts
    inner join capex_tables using (filing_id, table_id)
    where facts.metric in {{ metric_group('capex_item') }}
),

items as (
    select
        filing_id,
        table_row,
        min(project_id) as project_id,
        min(stock_code) as stock_code,
        -- "其中:硬件购置费" is the item 硬件购置费, printed as a part of the line above
        regexp_replace(regexp_replace(arg_min(row_label, fact_id), '\s', '', 'g'), '^其中[:：]', '') as item_name,
        min(line_no) as line_no,
        max(value_normalised) filter (where metric = 'investment_amount') as amount_wan,
        max(value_normalised) filter (where metric = 'proceeds_used') as proceeds_used_wan,
        max(value) filter (where metric = 'investment_share') as share_pct,
        max({{ in_column_unit('value', 'unit', 'wan_factor') }}) filter (where metric = 'unit_price') as unit_price_wan,
        max(value) filter (where metric = 'quantity') as quantity,
        max(unit) filter (where metric = 'quantity') as quantity_unit,
        list(filing_id || ':' || fact_id order by fact_id) as fact_ids
    from item_facts
    group by filing_id, table_row
),

captions as (
    select filing_id, table_id, regexp_replace(caption, '[,，\s]', '', 'g') as caption
    from {{ ref('stg_filings__tables') }}
),

-- A total row totals what the caption above its table names with the same amount
-- ("本项目的硬件购置费为126691.86万元" over a table whose 合计 is 126691.86).
named_items as (
    select
        items.*,
        regexp_matches(items.item_name, '^(合计|总计|小计|总投资|投资总额)') as is_total,
        nullif(regexp_extract(
            captions.caption, '([^的，,。:：\s]{2,12})(为|合计|共计)' || replace(printf('%.2f', items.amount_wan), '.', '\.'), 1
        ), '') as caption_name
    from items
    left join captions on items.filing_id = captions.filing_id and split_part(items.table_row, '-', 1) = captions.table_id
),

project_totals as (
    select project_id, total_investment_wan from {{ ref('int_projects__capex_totals') }}
),

final as (
    select
        items.filing_id || ':' || items.table_row as capex_item_id,
        items.project_id,
        items.stock_code,
        items.filing_id,
        items.item_name,
        case when items.is_total then items.caption_name end as total_of,
        {{ capex_category("case when items.is_total then coalesce(items.caption_name, items.item_name) else items.item_name end") }}
            as item_category,
        items.is_total,
        items.amount_wan,
        items.share_pct,
        round(100.0 * items.amount_wan / nullif(project_totals.total_investment_wan, 0), 2) as share_pct_recomputed,
        items.unit_price_wan,
        items.quantity,
        items.quantity_unit,
        round(items.unit_price_wan * items.quantity, 2) as amount_wan_recomputed,
        items.proceeds_used_wan,
        items.line_no,
        items.fact_ids
    from named_items as items
    left join project_totals using (project_id)
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by capex_item_id
