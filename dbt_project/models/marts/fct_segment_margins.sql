with -- Who each fact is about, as the quality stage resolved it (docs block entity_variants): the issuer,
-- one of its segments under its canonical name, or something that is never a segment (a customer, a
-- supplier, a label such as 主营业务毛利率, a peer).
variants as (
    select issuer, printed_name, printed_kind, entity_kind, canonical_name
    from {{ ref('stg_quality__entity_variants') }}
),

facts as (
    select
        attributed.* exclude (value),
        case
            when variants.entity_kind = 'issuer' then '{{ var("company_total_segment") }}'
            else variants.canonical_name
        end as segment_name,
        attributed.value_normalised as value
    from {{ ref('int_facts__attributed') }} as attributed
    inner join variants
        on variants.issuer = attributed.stock_code
        and variants.printed_name = attributed.entity
        and variants.printed_kind is not distinct from attributed.entity_kind
    where attributed.metric in {{ metric_group('segment_margin') }}
        and variants.entity_kind in ('issuer', 'segment')
        and attributed.period_kind in ('fiscal_year', 'year_to_date')
        and attributed.stock_code is not null
        and not attributed.is_scenario
        -- the company is 100% of itself: a share the parser could only give the issuer is another segment's
        and not (attributed.metric = 'revenue_share' and variants.entity_kind = 'issuer')
),

collapsed as (
    {{ collapse_printed('facts', ['stock_code', 'segment_name', 'period', 'metric']) }}
),

pivoted as (
    select
        stock_code,
        segment_name,
        period,
        max(value) filter (where metric = 'revenue') as revenue_wan,
        max(value) filter (where metric = 'operating_cost') as cost_wan,
        max(value) filter (where metric = 'gross_profit') as gross_profit_wan,
        max(value) filter (where metric = 'gross_margin') as gross_margin_pct,
        max(value) filter (where metric = 'revenue_share') as revenue_share_pct,
        flatten(list(fact_ids order by metric)) as fact_ids,
        bool_or(has_conflict) as has_conflicting_prints
    from collapsed
    group by stock_code, segment_name, period
),

company_revenue as (
    select stock_code, period, revenue_wan as company_revenue_wan
    from pivoted
    where segment_name = '{{ var("company_total_segment") }}'
),

final as (
    select
        pivoted.stock_code || '/' || pivoted.segment_name || '/' || pivoted.period as segment_period_id,
        pivoted.stock_code,
        pivoted.segment_name,
        pivoted.segment_name = '{{ var("company_total_segment") }}' as is_company_total,
        pivoted.period,
        {{ period_kind('pivoted.period') }} as period_kind,
        {{ period_start_date('pivoted.period') }} as period_start_date,
        {{ period_end_date('pivoted.period') }} as period_end_date,
        pivoted.revenue_wan,
        pivoted.cost_wan,
        pivoted.gross_profit_wan,
        round(pivoted.revenue_wan - pivoted.cost_wan, 2) as gross_profit_wan_recomputed,
        pivoted.gross_margin_pct,
        round(100.0 * (pivoted.revenue_wan - pivoted.cost_wan) / nullif(pivoted.revenue_wan, 0), 2) as gross_margin_pct_recomputed,
        pivoted.revenue_share_pct,
        round(100.0 * pivoted.revenue_wan / nullif(company_revenue.company_revenue_wan, 0), 2) as revenue_share_pct_recomputed,
        pivoted.fact_ids,
        pivoted.has_conflicting_prints
    from pivoted
    left join company_revenue using (stock_code, period)
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by segment_period_id
