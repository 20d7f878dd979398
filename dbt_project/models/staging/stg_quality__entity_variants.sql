with source as (
    select * from {{ source('quality', 'entity_variants') }}
),

final as (
    select
        issuer,
        printed_name,
        printed_kind,
        entity_id,
        entity_kind,
        entity_key,
        canonical_name
    from source
)

select * from final
