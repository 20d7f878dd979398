with facts as (
    select * exclude (value), value_normalised as value
    from {{ ref('int_facts__attributed') }}
    where project_id is not null
        and entity_kind = 'project'
        and period_kind in ('model_year', 'model_years', 'build', 'model_total', 'model_avg')
        and metric in {{ metric_group('forecast_line') }}
        and not is_scenario
),

collapsed as (
    {{ collapse_printed('facts', ['project_id', 'period', 'metric']) }}
),

labels as (
    -- the label printed most often; a tie goes to the label that sorts first, so every run names it alike
    select project_id, period, metric, arg_min(label_zh, (-prints, label_zh)) as line_item_zh
    from (
        select project_id, period, metric, label_zh, count(*) as prints
        from facts
        group by project_id, period, metric, label_zh
    )
    group by project_id, period, metric
),

vocabulary as (
    select metric, unit_kind from {{ ref('metric_vocabulary') }}
),

final as (
    select
        collapsed.project_id || '/' || collapsed.period || '/' || collapsed.metric as forecast_line_id,
        collapsed.project_id,
        split_part(collapsed.project_id, '/', 1) as stock_code,
        collapsed.period,
        {{ period_kind('collapsed.period') }} as period_kind,
        {{ model_year('collapsed.period') }} as model_year,
        collapsed.metric as line_item,
        labels.line_item_zh,
        case when vocabulary.unit_kind = 'money' then collapsed.value end as amount_wan,
        case when vocabulary.unit_kind = 'pct' then collapsed.value end as ratio_pct,
        collapsed.fact_ids,
        collapsed.has_conflict as has_conflicting_prints
    from collapsed
    inner join labels using (project_id, period, metric)
    inner join vocabulary using (metric)
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by forecast_line_id
