{# The MetricFlow time spine: one row per day over the years filings report and forecast. #}
with days as (
    select cast(range as date) as date_day
    from range(date '2010-01-01', date '2051-01-01', interval 1 day)
),

final as (
    select
        date_day,
        year(date_day) as calendar_year,
        last_day(date_day) = date_day and month(date_day) = 12 as is_year_end
    from days
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by date_day
