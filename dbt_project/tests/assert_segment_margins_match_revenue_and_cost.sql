{{ config(severity='warn') }}
{#- A printed gross margin equals (revenue − cost) / revenue within the rounding of all three printed
    numbers. Real filings miss this in places: those are findings, so the test warns. -#}
with margins as (
    select
        segment_period_id,
        revenue_wan,
        cost_wan,
        gross_margin_pct,
        100.0 * (revenue_wan - cost_wan) / revenue_wan as margin_from_inputs,
        {{ half_unit('gross_margin_pct') }}
            + 100.0 * ({{ half_unit('cost_wan') }} / revenue_wan
                + cost_wan * {{ half_unit('revenue_wan') }} / (revenue_wan * revenue_wan)) as tolerance
    from {{ ref('fct_segment_margins') }}
    where revenue_wan > 0 and cost_wan is not null and gross_margin_pct is not null
)

select *
from margins
where abs(gross_margin_pct - margin_from_inputs) > tolerance
