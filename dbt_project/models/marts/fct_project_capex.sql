with projects as (
    select project_id, stock_code, last_published_date from {{ ref('dim_projects') }}
),

totals as (
    select * from {{ ref('int_projects__capex_totals') }}
),

-- Servers bought: item lines named as GPU / AI servers and counted in 台 (storage and general-purpose servers excluded).
servers_bought as (
    select
        project_id,
        sum(quantity) as server_count,
        list_sort(flatten(list(fact_ids))) as fact_ids
    from {{ ref('fct_capex_items') }}
    where not is_total
        and quantity_unit = '台'
        and regexp_matches(item_name, '服务器')
        and regexp_matches(item_name, 'AI|GPU|算力|智算|训练|推理|[HABL]\d{2,3}|9\d0[A-Z]')
    group by project_id
),

fleet as (
    select
        project_id,
        max(server_count) as fleet_server_count,
        max(compute_pflops) as compute_pflops,
        list_sort(flatten(list(fact_ids))) as fact_ids
    from {{ ref('fct_compute_fleet') }}
    where project_id is not null
    group by project_id
),

final as (
    select
        projects.project_id,
        projects.stock_code,
        projects.last_published_date as as_of_date,
        totals.total_investment_wan,
        totals.proceeds_used_wan,
        round(100.0 * totals.proceeds_used_wan / nullif(totals.total_investment_wan, 0), 2) as proceeds_share_pct,
        coalesce(servers_bought.server_count, fleet.fleet_server_count) as server_count,
        fleet.compute_pflops,
        round(totals.total_investment_wan / nullif(coalesce(servers_bought.server_count, fleet.fleet_server_count), 0), 2)
            as capex_per_server_wan,
        round(totals.total_investment_wan / nullif(fleet.compute_pflops, 0), 2) as capex_per_pflops_wan,
        list_concat(coalesce(totals.fact_ids, []), coalesce(servers_bought.fact_ids, []), coalesce(fleet.fact_ids, [])) as fact_ids
    from projects
    left join totals using (project_id)
    left join servers_bought using (project_id)
    left join fleet using (project_id)
    -- a project appears once something about its investment, servers or compute is printed
    where coalesce(totals.project_id, servers_bought.project_id, fleet.project_id) is not null
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by project_id
