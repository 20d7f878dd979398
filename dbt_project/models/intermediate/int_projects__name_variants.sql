with project_mentions as (
    select
        facts.stock_code,
        facts.company_short_name,
        regexp_replace(facts.entity, '\s', '', 'g') as printed_name,
        facts.metric,
        facts.filing_id,
        facts.table_id,
        -- the name the header of the table's label column prints ("序号 项目名称" over a 合计 row), where the
        -- row itself does not print it: the name may be the header's words, not a project
        position(regexp_replace(facts.entity, '\s', '', 'g') in regexp_replace(coalesce(tables.header_label, ''), '\s', '', 'g')) > 0
            and regexp_replace(facts.entity, '\s', '', 'g') != regexp_replace(coalesce(facts.row_label, ''), '\s', '', 'g')
            as named_by_header
    from {{ ref('int_facts__valued') }} as facts
    left join {{ ref('stg_filings__tables') }} as tables using (filing_id, table_id)
    where facts.entity_kind = 'project' and facts.stock_code is not null
),

keyed as (
    select
        *,
        {{ project_key('printed_name', 'company_short_name') }} as name_key
    from project_mentions
),

-- A project key names a project when it ends in 项目, keeps two characters or more once the words any
-- project is called by are gone ("关于本次募投项目" names none), and at least one fact with a canonical
-- metric is about it where a row or a sentence names it (a heading's stray words carry no metric; a table
-- header's words are no name: 序号项目).
projects as (
    select stock_code, name_key
    from keyed
    where name_key like '%项目'
        and length(regexp_replace(name_key, '(关于|公司|本次|前次|募投|募集资金投资|募集资金|项目|的)', '', 'g')) >= 2
    group by stock_code, name_key
    having count(metric) filter (where not named_by_header) > 0
),

-- A name that prints a project's name and then one of its parts ("5G通信网络建设项目 传输管线项目", the
-- project's merged cell beside a row of its parts) is that project's: the longest project name it opens with.
parts as (
    select part.stock_code, part.name_key, arg_max(whole.name_key, length(whole.name_key)) as whole_key
    from projects as part
    inner join projects as whole
        on whole.stock_code = part.stock_code
        and whole.name_key != part.name_key
        and starts_with(part.name_key, whole.name_key)
    group by part.stock_code, part.name_key
),

-- A project named only in tables that print a part of another project beside it ("设备安装项目" above
-- "5G通信网络建设项目 传输管线项目") is a part of that project too: its sibling's.
tables_of_parts as (
    select distinct keyed.filing_id, keyed.table_id, parts.whole_key, keyed.stock_code
    from keyed
    inner join parts using (stock_code, name_key)
    where keyed.table_id is not null
),

siblings as (
    select keyed.stock_code, keyed.name_key, min(tables_of_parts.whole_key) as whole_key
    from keyed
    inner join projects using (stock_code, name_key)
    left join tables_of_parts using (stock_code, filing_id, table_id)
    where keyed.metric is not null
        and keyed.name_key not in (select name_key from parts where parts.stock_code = keyed.stock_code)
    group by keyed.stock_code, keyed.name_key
    having count(*) = count(tables_of_parts.whole_key) and count(distinct tables_of_parts.whole_key) = 1
),

project_keys as (
    select
        projects.stock_code,
        projects.name_key,
        coalesce(parts.whole_key, siblings.whole_key, projects.name_key) as project_key
    from projects
    left join parts using (stock_code, name_key)
    left join siblings using (stock_code, name_key)
),

final as (
    select
        keyed.stock_code || '/' || project_keys.project_key as project_id,
        keyed.stock_code,
        project_keys.project_key as name_key,
        keyed.printed_name,
        project_keys.name_key != project_keys.project_key as names_a_part,
        count(*) as mention_count
    from keyed
    inner join project_keys using (stock_code, name_key)
    group by all
)

select * from final
