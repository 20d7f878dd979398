with facts as (
    select
        * exclude (value),
        regexp_replace(entity, '\s', '', 'g') as debtor_name,
        value_normalised as value
    from {{ ref('int_facts__attributed') }}
    where metric in {{ metric_group('receivable_debtor') }}
        and entity_kind = 'customer'
        and stock_code is not null
        and period is not null
        and not is_scenario
),

-- A debtor's balance printed for a fiscal year or a year to date is the balance at that period's end.
dated as (
    select
        * exclude (period),
        case when period_kind = 'balance_date' then period else '@' || strftime(period_end_date, '%Y-%m-%d') end as period
    from facts
    where period_end_date is not null
),

collapsed as (
    {{ collapse_printed('dated', ['stock_code', 'period', 'debtor_name', 'metric']) }}
),

pivoted as (
    select
        stock_code,
        period,
        debtor_name,
        max(value) filter (where metric = 'ar_gross') as gross_balance_wan,
        max(value) filter (where metric = 'ar_provision') as provision_wan,
        max(value) filter (where metric = 'ar_net') as net_balance_wan,
        max(value) filter (where metric = 'ar_overdue') as overdue_wan,
        max(value) filter (where metric = 'ar_subsequent_collection') as subsequent_collection_wan,
        max(value) filter (where metric = 'collection_ratio') as collection_ratio_pct,
        max(value) filter (where metric = 'revenue') as revenue_wan,
        flatten(list(fact_ids order by metric)) as fact_ids,
        bool_or(has_conflict) as has_conflicting_prints
    from collapsed
    group by stock_code, period, debtor_name
),

company_totals as (
    select stock_code, period, gross_balance_wan as company_gross_balance_wan
    from {{ ref('fct_receivables') }}
    where aging_bucket = 'total'
),

final as (
    select
        pivoted.stock_code || '/' || pivoted.period || '/' || pivoted.debtor_name as debtor_period_id,
        pivoted.stock_code,
        pivoted.period,
        cast(substr(pivoted.period, 2) as date) as balance_date,
        pivoted.debtor_name,
        regexp_matches(pivoted.debtor_name, '^[A-Z甲乙丙丁戊]公司|客户[A-Z0-9一二三四五六七八九十]') as is_anonymised,
        pivoted.gross_balance_wan,
        pivoted.provision_wan,
        pivoted.net_balance_wan,
        round(100.0 * pivoted.provision_wan / nullif(pivoted.gross_balance_wan, 0), 2) as provision_ratio_pct_recomputed,
        round(100.0 * pivoted.gross_balance_wan / nullif(company_totals.company_gross_balance_wan, 0), 2) as share_of_receivables_pct,
        pivoted.overdue_wan,
        pivoted.subsequent_collection_wan,
        pivoted.collection_ratio_pct,
        round(100.0 * pivoted.subsequent_collection_wan / nullif(pivoted.gross_balance_wan, 0), 2) as collection_ratio_pct_recomputed,
        pivoted.revenue_wan,
        pivoted.fact_ids,
        pivoted.has_conflicting_prints
    from pivoted
    left join company_totals using (stock_code, period)
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by debtor_period_id
