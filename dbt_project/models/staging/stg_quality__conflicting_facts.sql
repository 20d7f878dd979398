-- One row per fact printed in a conflict finding (the same figure printed with values beyond rounding):
-- the marts' has_conflicting_prints reads this, so the conflict rule lives in Python only.
with findings as (
    select kind, unnest(filing_ids) as filing_id, unnest(fact_ids) as fact_id
    from {{ source('quality', 'findings') }}
),

final as (
    select distinct filing_id, fact_id
    from findings
    where kind = 'conflict' and fact_id is not null
)

select * from final
