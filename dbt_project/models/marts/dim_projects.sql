with variants as (
    select * from {{ ref('int_projects__name_variants') }}
),

published as (
    select project_id, max(published_date) as last_published_date
    from {{ ref('int_facts__attributed') }}
    where project_id is not null
    group by project_id
),

companies as (
    select stock_code, company_short_name from {{ ref('dim_companies') }}
),

final as (
    select
        variants.project_id,
        variants.stock_code,
        companies.company_short_name,
        -- the name printed most often stands for the project, a name of the whole before one of a part
        -- (5G通信网络建设项目, not 5G通信网络建设项目传输管线项目); ties go to the longer, fuller name,
        -- then to the name that sorts last, so every run names the project alike
        arg_max(
            variants.printed_name,
            (not variants.names_a_part, variants.mention_count, length(variants.printed_name), variants.printed_name)
        ) as project_name,
        list(variants.printed_name order by variants.mention_count desc, variants.printed_name) as name_variants,
        sum(variants.mention_count) as mention_count,
        published.last_published_date
    from variants
    left join companies using (stock_code)
    left join published using (project_id)
    group by variants.project_id, variants.stock_code, companies.company_short_name, published.last_published_date
)

select * from final
-- rows in key order, so that two builds from the same filings are the same table, row for row
order by project_id
