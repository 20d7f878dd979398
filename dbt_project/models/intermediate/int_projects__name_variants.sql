with project_mentions as (
    select
        stock_code,
        company_short_name,
        regexp_replace(entity, '\s', '', 'g') as printed_name,
        metric
    from {{ ref('int_facts__valued') }}
    where entity_kind = 'project' and stock_code is not null
),

keyed as (
    select
        *,
        {{ project_key('printed_name', 'company_short_name') }} as name_key
    from project_mentions
),

-- A project key names a project when it ends in 项目, keeps two characters or more once the words any
-- project is called by are gone ("关于本次募投项目" names none), and at least one fact with a canonical
-- metric is about it (a heading's stray words carry no metric).
projects as (
    select stock_code, name_key
    from keyed
    where name_key like '%项目'
        and length(regexp_replace(name_key, '(关于|公司|本次|前次|募投|募集资金投资|募集资金|项目|的)', '', 'g')) >= 2
    group by stock_code, name_key
    having count(metric) > 0
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
