-- One row per canonical entity (docs block entity_variants): its kind, canonical name and every name
-- the filings print it under.
with variants as (
    select * from {{ ref('stg_quality__entity_variants') }}
),

final as (
    select
        entity_id,
        issuer,
        entity_kind,
        entity_key,
        min(canonical_name) as canonical_name,
        list(distinct printed_name order by printed_name) as printed_names,
        count(distinct printed_name) as variant_count
    from variants
    group by entity_id, issuer, entity_kind, entity_key
)

select * from final
order by entity_id
