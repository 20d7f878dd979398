with facts as (
    select * exclude (value), value_normalised as value
    from {{ ref('int_facts__attributed') }}
    where project_id is not null
        and entity_kind = 'project'
        and metric in {{ metric_group('project_return') }}
        and not is_scenario
),

collapsed as (
    {{ collapse_printed('facts', ['project_id', 'metric']) }}
),

final as (
    select
        projects.project_id,
        projects.stock_code,
        max(collapsed.value) filter (where collapsed.metric = 'irr_pre_tax') as irr_pre_tax_pct,
        max(collapsed.value) filter (where collapsed.metric = 'irr_post_tax') as irr_post_tax_pct,
        max(collapsed.value) filter (where collapsed.metric = 'npv') as npv_wan,
        max(collapsed.value) filter (where collapsed.metric = 'payback_static') as payback_static_years,
        max(collapsed.value) filter (where collapsed.metric = 'payback_dynamic') as payback_dynamic_years,
        flatten(list(collapsed.fact_ids order by collapsed.metric)) as fact_ids,
        bool_or(collapsed.has_conflict) as has_conflicting_prints
    from {{ ref('dim_projects') }} as projects
    inner join collapsed using (project_id)
    group by projects.project_id, projects.stock_code
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by project_id
