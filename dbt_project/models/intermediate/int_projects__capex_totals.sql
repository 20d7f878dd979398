with facts as (
    select * exclude (value), value_normalised as value
    from {{ ref('int_facts__attributed') }}
    where entity_kind = 'project'
        and project_id is not null
        and metric in {{ metric_group('capex_amount') }}
        and period is null
        and not is_scenario
),

collapsed as (
    {{ collapse_printed('facts', ['project_id', 'metric']) }}
),

final as (
    select
        project_id,
        max(value) filter (where metric = 'investment_amount') as total_investment_wan,
        max(value) filter (where metric = 'proceeds_used') as proceeds_used_wan,
        flatten(list(fact_ids order by metric)) as fact_ids
    from collapsed
    group by project_id
)

select * from final
