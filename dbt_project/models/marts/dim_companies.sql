with filings as (
    select * from {{ ref('dim_filings') }}
    where stock_code is not null
),

ranked as (
    select
        *,
        row_number() over (partition by stock_code order by published_date desc nulls last, filing_id) as recency
    from filings
),

final as (
    select
        latest.stock_code,
        latest.company_short_name,
        latest.company_name,
        latest.exchange,
        counts.filing_count,
        counts.first_published_date,
        counts.last_published_date
    from ranked as latest
    inner join (
        select
            stock_code,
            count(*) as filing_count,
            min(published_date) as first_published_date,
            max(published_date) as last_published_date
        from filings
        group by stock_code
    ) as counts using (stock_code)
    where latest.recency = 1
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by stock_code
