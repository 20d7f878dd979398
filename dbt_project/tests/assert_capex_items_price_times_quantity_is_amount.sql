{{ config(severity='warn') }}
{#- An investment item's unit price × quantity equals its amount within the rounding of the printed
    price (scaled by the count) and amount. A gap is a finding in the filing, so the test warns. -#}
with items as (
    select
        capex_item_id,
        unit_price_wan,
        quantity,
        amount_wan,
        unit_price_wan * quantity as amount_from_price,
        {{ half_unit('amount_wan') }} + abs(quantity) * {{ half_unit('unit_price_wan') }} as tolerance
    from {{ ref('fct_capex_items') }}
    where unit_price_wan is not null and quantity is not null and amount_wan is not null
)

select *
from items
where abs(amount_wan - amount_from_price) > tolerance
