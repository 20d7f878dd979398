with facts as (
    select
        * exclude (value),
        coalesce({{ aging_bucket("concat_ws(' ', row_label, column_label, label_zh)") }}, 'total') as aging_bucket,
        value_normalised as value
    from {{ ref('int_facts__attributed') }}
    where metric in {{ metric_group('receivable') }}
        and period_kind in ('balance_date', 'fiscal_year', 'year_to_date')
        and stock_code is not null
        and not is_scenario
        -- the issuer's own receivables, or a row that names an aging bucket rather than a debtor
        and (entity_kind = 'issuer' or (entity_kind = 'segment' and {{ aging_bucket('entity') }} is not null))
),

-- A receivable printed for a fiscal year or a year to date is the balance at that period's end.
dated as (
    select
        * exclude (period),
        '@' || strftime(period_end_date, '%Y-%m-%d') as period
    from facts
),

collapsed as (
    {{ collapse_printed('dated', ['stock_code', 'period', 'aging_bucket', 'metric']) }}
),

pivoted as (
    select
        stock_code,
        period,
        aging_bucket,
        max(value) filter (where metric = 'ar_gross') as gross_balance_wan,
        max(value) filter (where metric = 'ar_provision') as provision_wan,
        max(value) filter (where metric = 'ar_net') as net_balance_wan,
        max(value) filter (where metric = 'provision_ratio') as provision_ratio_pct,
        max(value) filter (where metric = 'ecl_rate') as ecl_rate_pct,
        max(value) filter (where metric = 'ar_overdue') as overdue_wan,
        max(value) filter (where metric = 'ar_subsequent_collection') as subsequent_collection_wan,
        max(value) filter (where metric = 'collection_ratio') as collection_ratio_pct,
        flatten(list(fact_ids order by metric)) as fact_ids,
        bool_or(has_conflict) as has_conflicting_prints
    from collapsed
    group by stock_code, period, aging_bucket
),

-- Revenue of the fiscal year or year to date that ends on the balance date, for days sales outstanding;
-- a fiscal year wins over the same twelve months printed as a year to date (2024M01-M12).
period_revenue as (
    select
        stock_code,
        period_end_date,
        revenue_wan,
        datediff('day', period_start_date, period_end_date) + 1 as period_days
    from {{ ref('fct_segment_margins') }}
    where is_company_total and revenue_wan is not null and month(period_start_date) = 1
    qualify row_number() over (
        partition by stock_code, period_end_date order by period_kind = 'fiscal_year' desc, period
    ) = 1
),

final as (
    select
        pivoted.stock_code || '/' || pivoted.period || '/' || pivoted.aging_bucket as receivable_id,
        pivoted.stock_code,
        pivoted.period,
        cast(substr(pivoted.period, 2) as date) as balance_date,
        pivoted.aging_bucket,
        pivoted.gross_balance_wan,
        pivoted.provision_wan,
        pivoted.net_balance_wan,
        pivoted.provision_ratio_pct,
        round(100.0 * pivoted.provision_wan / nullif(pivoted.gross_balance_wan, 0), 2) as provision_ratio_pct_recomputed,
        pivoted.ecl_rate_pct,
        pivoted.overdue_wan,
        pivoted.subsequent_collection_wan,
        pivoted.collection_ratio_pct,
        round(100.0 * pivoted.subsequent_collection_wan / nullif(pivoted.gross_balance_wan, 0), 2) as collection_ratio_pct_recomputed,
        period_revenue.revenue_wan as period_revenue_wan,
        period_revenue.period_days,
        case when pivoted.aging_bucket = 'total' then
            round(period_revenue.period_days * pivoted.gross_balance_wan / nullif(period_revenue.revenue_wan, 0), 1)
        end as days_sales_outstanding,
        pivoted.fact_ids,
        pivoted.has_conflicting_prints
    from pivoted
    left join period_revenue
        on pivoted.stock_code = period_revenue.stock_code
        and cast(substr(pivoted.period, 2) as date) = period_revenue.period_end_date
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by receivable_id
