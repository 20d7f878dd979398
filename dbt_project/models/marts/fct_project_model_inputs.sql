{#
    The financial model's only input: every printed fact it may read about a project, one row per fact,
    as printed (value and unit), keyed by project_id. A project is modelled from one filing: the latest
    published one that prints yearly lines about it (a later filing restates the forecast); a tie goes
    to the filing printing more of them, then to the filing id that sorts last.
#}
with facts as (
    select * from {{ ref('int_facts__attributed') }}
    where stock_code is not null
),

name_variants as (
    select stock_code, printed_name, project_id from {{ ref('int_projects__name_variants') }}
),

projects as (
    select project_id, project_name from {{ ref('dim_projects') }}
),

model_filings as (
    select
        project_id,
        arg_max(filing_id, (published_date, yearly_facts, filing_id)) as filing_id
    from (
        select project_id, filing_id, max(published_date) as published_date, count(*) as yearly_facts
        from facts
        where project_id is not null and period_kind in ('model_year', 'model_years')
        group by project_id, filing_id
    )
    group by project_id
),

-- The facts attributed to the project: by the name they print, by their table or by their section.
attributed as (
    select facts.*, 'attributed' as reading
    from facts
    inner join model_filings using (project_id, filing_id)
),

-- The prose right under one of the project's tables, up to the section's next table, is about that
-- table: what an investment becomes ("预计固定资产增加额…") is printed there without the project's name.
tables as (
    select filing_id, section_id, table_id, min(line_no) as first_line_no, max(line_no) as last_line_no
    from facts
    where table_id is not null
    group by filing_id, section_id, table_id
),

project_tables as (
    select distinct attributed.project_id, tables.*
    from attributed
    inner join tables using (filing_id, section_id, table_id)
),

under_tables as (
    select
        project_tables.project_id,
        project_tables.filing_id,
        project_tables.section_id,
        project_tables.last_line_no,
        min(later.first_line_no) as next_table_line_no
    from project_tables
    left join tables as later
        on later.filing_id = project_tables.filing_id
        and later.section_id = project_tables.section_id
        and later.first_line_no > project_tables.last_line_no
    group by all
),

context as (
    select distinct on (under_tables.project_id, facts.fact_id)
        facts.* exclude (project_id), under_tables.project_id, 'under_table' as reading
    from facts
    inner join under_tables
        on facts.filing_id = under_tables.filing_id
        and facts.section_id = under_tables.section_id
        and facts.line_no > under_tables.last_line_no
        and facts.line_no < coalesce(under_tables.next_table_line_no, 2147483647)
    where facts.table_id is null and facts.project_id is null
    order by under_tables.project_id, facts.fact_id
),

read_by_model as (
    select * from attributed
    union all by name
    select * from context
),

final as (
    select
        read_by_model.project_id || '/' || read_by_model.fact_id as model_input_id,
        read_by_model.project_id,
        projects.project_name,
        read_by_model.stock_code,
        read_by_model.filing_id,
        read_by_model.fact_id,
        read_by_model.section_id,
        read_by_model.table_id,
        read_by_model.line_no,
        read_by_model.value,
        read_by_model.unit,
        read_by_model.row_label,
        read_by_model.column_label,
        read_by_model.label_zh,
        read_by_model.metric,
        read_by_model.period,
        read_by_model.entity,
        read_by_model.entity_kind,
        -- the fact's own printed entity is one of the project's names (not only its table's or section's)
        name_variants.project_id is not null as names_project,
        read_by_model.reading,
        read_by_model.is_scenario
    from read_by_model
    inner join projects using (project_id)
    left join name_variants
        on read_by_model.entity_kind = 'project'
        and name_variants.stock_code = read_by_model.stock_code
        and name_variants.printed_name = regexp_replace(read_by_model.entity, '\s', '', 'g')
        and name_variants.project_id = read_by_model.project_id
)

select * from final
order by project_id, line_no, fact_id
