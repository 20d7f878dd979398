with facts as (
    select * from {{ ref('int_facts__valued') }}
),

name_variants as (
    select stock_code, printed_name, project_id from {{ ref('int_projects__name_variants') }}
),

named_project as (
    select
        facts.*,
        case when facts.entity_kind = 'project' then name_variants.project_id end as named_project_id
    from facts
    left join name_variants
        on facts.stock_code = name_variants.stock_code
        and regexp_replace(facts.entity, '\s', '', 'g') = name_variants.printed_name
),

-- A table whose rows name items (servers, investment lines) is about the project its other rows name.
table_projects as (
    -- the project most rows name; a tie goes to the id that sorts first, so every run attributes alike
    select filing_id, table_id, arg_min(named_project_id, (-rows_naming, named_project_id)) as table_project_id
    from (
        select filing_id, table_id, named_project_id, count(*) as rows_naming
        from named_project
        where table_id is not null and named_project_id is not null
        group by filing_id, table_id, named_project_id
    )
    group by filing_id, table_id
),

-- A table none of whose rows names a project is about the project its section named last before it
-- ("华东智算中心建设项目总投资额为…，具体如下：" over a table of investment items).
table_starts as (
    select filing_id, table_id, arg_min(section_id, line_no) as section_id, min(line_no) as first_line_no
    from named_project
    where table_id is not null
    group by filing_id, table_id
),

section_projects as (
    select
        table_starts.filing_id,
        table_starts.table_id,
        arg_max(earlier.named_project_id, earlier.line_no) as section_project_id
    from table_starts
    inner join named_project as earlier
        on earlier.filing_id = table_starts.filing_id
        and earlier.section_id = table_starts.section_id
        and earlier.line_no < table_starts.first_line_no
        and earlier.named_project_id is not null
    group by table_starts.filing_id, table_starts.table_id
),

final as (
    select
        named_project.*,
        coalesce(
            named_project.named_project_id, table_projects.table_project_id, section_projects.section_project_id
        ) as project_id
    from named_project
    left join table_projects using (filing_id, table_id)
    left join section_projects using (filing_id, table_id)
)

select * exclude (named_project_id) from final
