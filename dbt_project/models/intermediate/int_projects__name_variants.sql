with project_mentions as (
    select
        facts.stock_code,
        facts.company_short_name,
        regexp_replace(facts.entity, '\s', '', 'g') as printed_name,
        facts.metric,
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

final as (
    select
        keyed.stock_code || '/' || keyed.name_key as project_id,
        keyed.stock_code,
        keyed.name_key,
        keyed.printed_name,
        count(*) as mention_count
    from keyed
    inner join projects using (stock_code, name_key)
    group by all
)

select * from final
