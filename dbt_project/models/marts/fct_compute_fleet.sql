-- A table prints its amounts in one money unit. A server's monthly price whose printed unit names only
-- its time ("服务单价(月)" beside 营业收入 in 万元) is in that money per server (the metric says per what) and
-- month; where the table's amounts mix money units, the price keeps its printed unit and no value in 万元.
with table_money as (
    select filing_id, table_id, min(unit) as money_unit
    from {{ ref('int_facts__attributed') }}
    where unit_kind = 'money' and table_id is not null and unit is not null
    group by filing_id, table_id
    having count(distinct unit) = 1
),

attributed as (
    select
        attributed.* replace (
            case
                when attributed.metric = 'price_per_server_month' and attributed.unit = '月'
                    then coalesce(table_money.money_unit || '/台/月', attributed.unit)
                else attributed.unit
            end as unit
        )
    from {{ ref('int_facts__attributed') }} as attributed
    left join table_money using (filing_id, table_id)
),

facts as (
    select
        *,
        -- a row that names a server class (the parser's "segment" of an item table) is that class
        case
            when entity_kind = 'segment' then regexp_replace(entity, '\s', '', 'g')
            else '{{ var("whole_fleet_class") }}'
        end as server_class,
        coalesce(project_id, stock_code) as owner_key,
        case
            when metric = 'compute_power' then {{ in_column_unit('value', 'unit', 'pflops_factor') }}
            when metric = 'unit_price' then {{ in_column_unit(
                'value', printed_price_unit('unit', "concat_ws(' ', row_label, column_label)"), 'wan_factor'
            ) }}
            when unit_kind = 'price' then {{ in_column_unit('value', 'unit', 'wan_factor') }}
            else value
        end as value_in_column_unit,
        case when metric = 'unit_price' then {{ price_unit_in_wan(
            printed_price_unit('unit', "concat_ws(' ', row_label, column_label)"), 'period_kind'
        ) }} end as price_unit,

        concat_ws(' ', entity, row_label, column_label, label_zh) as label_text
    from attributed
    where metric in {{ metric_group('fleet') }}
        and stock_code is not null
        and not is_scenario
        -- a figure the parser could not place in its column (a range's end in a price comparison) is no
        -- figure of the fleet: the mart holds what the filing proves, the doubt stays in the facts
        and not is_ambiguous
        -- a market's size (中国智能算力规模) is not a fleet anyone owns
        and entity_kind in ('issuer', 'project', 'segment')
),

-- A unit price is a price of the fleet's service when its unit says per what and per which time (万元/架/年,
-- 万元/台/月); without one it is an item's purchase price (fct_capex_items) or a unit a line break lost.
keyed as (
    select
        * exclude (value),
        value_in_column_unit as value,
        coalesce(period, '{{ var("unstated_period") }}') as period_key,
        case when metric = 'price_per_server_month' and value_in_column_unit is not null
            then regexp_replace(unit, '^元/', '万元/') end as server_price_unit
    from facts
    where metric != 'unit_price' or regexp_matches(price_unit, '/[月年]|^万元/[月年]/')
),

-- a price's unit is part of what it is: 5.30 万元/架/年 and 5.30 in no stated unit are two readings
collapsed as (
    {{ collapse_printed('keyed', ['owner_key', 'server_class', 'period_key', 'metric', 'price_unit']) }}
),

descriptors as (
    select
        owner_key,
        server_class,
        min(stock_code) as stock_code,
        min(project_id) as project_id,
        max({{ gpu_model('label_text') }}) as gpu_model,
        max({{ ownership('label_text') }}) as ownership
    from keyed
    group by owner_key, server_class
),

pivoted as (
    select
        owner_key,
        server_class,
        period_key,
        max(value) filter (where metric = 'server_count') as server_count,
        max(value) filter (where metric = 'compute_power') as compute_pflops,
        max(value) filter (where metric = 'price_per_server_month') as price_per_server_month_wan,
        max(value) filter (where metric = 'price_per_pflops_month') as price_per_pflops_month_wan,
        max(value) filter (where metric = 'utilisation') as utilisation_pct,
        max(value) filter (where metric = 'cabinet_count') as cabinet_count,
        -- the price with a stated unit before one without; then the larger, then the unit that sorts first
        arg_min(struct_pack(v := value, u := price_unit), (price_unit is null, -value, price_unit))
            filter (where metric = 'unit_price') as unit_price,
        flatten(list(fact_ids order by metric, price_unit, fact_ids)) as fact_ids,
        bool_or(has_conflict) as has_conflicting_prints
    from collapsed
    group by owner_key, server_class, period_key
),

published as (
    select
        owner_key,
        server_class,
        period_key,
        max(published_date) as published_date,
        -- the unit the server price was printed in (in 万元), where its prints agree on one
        case when count(distinct server_price_unit) = 1 then min(server_price_unit) end as price_per_server_month_unit
    from keyed
    group by owner_key, server_class, period_key
),

final as (
    select
        pivoted.owner_key || '/' || pivoted.server_class || '/' || pivoted.period_key as fleet_row_id,
        descriptors.stock_code,
        descriptors.project_id,
        case when descriptors.project_id is null then 'company' else 'project' end as owner_kind,
        pivoted.server_class,
        descriptors.gpu_model,
        descriptors.ownership,
        nullif(pivoted.period_key, '{{ var("unstated_period") }}') as period,
        {{ period_kind('pivoted.period_key') }} as period_kind,
        {{ model_year('pivoted.period_key') }} as model_year,
        {{ period_end_date('pivoted.period_key') }} as period_end_date,
        coalesce({{ period_end_date('pivoted.period_key') }}, published.published_date) as as_of_date,
        pivoted.server_count,
        pivoted.compute_pflops,
        round(pivoted.compute_pflops / nullif(pivoted.server_count, 0), 4) as pflops_per_server,
        pivoted.price_per_server_month_wan,
        published.price_per_server_month_unit,
        pivoted.price_per_pflops_month_wan,
        round(pivoted.price_per_server_month_wan / nullif(pivoted.compute_pflops / nullif(pivoted.server_count, 0), 0), 4)
            as price_per_pflops_month_wan_recomputed,
        pivoted.utilisation_pct,
        pivoted.cabinet_count,
        pivoted.unit_price.v as unit_price_wan,
        pivoted.unit_price.u as unit_price_unit,
        pivoted.fact_ids,
        pivoted.has_conflicting_prints
    from pivoted
    inner join descriptors using (owner_key, server_class)
    inner join published using (owner_key, server_class, period_key)
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by fleet_row_id
