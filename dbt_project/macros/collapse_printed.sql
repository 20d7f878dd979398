{#
    One value per key from facts that may print it several times (docs block printed_value_choice):
    the value printed most often wins; among money values printed equally often the largest (a total
    is never smaller than its parts); then the earliest line. Every fact that printed the chosen value
    is listed in fact_ids. has_conflict says a fact of the key is in a conflict finding: the conflict
    rule (rounding from printed precision, canonical entities) is the Python quality stage's, read
    from stg_quality__conflicting_facts, not restated here.
    `relation` must have the key columns, `value`, unit_kind, filing_id, fact_id and line_no.
#}
{% macro collapse_printed(relation, keys) %}
    {%- set key_list = keys | join(', ') -%}
    with printed as (
        select
            {{ relation }}.*,
            conflicting.fact_id is not null as in_conflict
        from {{ relation }}
        left join {{ ref('stg_quality__conflicting_facts') }} as conflicting
            on conflicting.filing_id = {{ relation }}.filing_id and conflicting.fact_id = {{ relation }}.fact_id
    ),

    candidates as (
        select
            {{ key_list }},
            value,
            min(unit_kind) as unit_kind,
            list(filing_id || ':' || fact_id order by filing_id, line_no, fact_id) as fact_ids,
            count(*) as printed_count,
            min(line_no) as first_line_no,
            bool_or(in_conflict) as in_conflict
        from printed
        where value is not null
        group by {{ key_list }}, value
    ),

    ranked as (
        select
            *,
            row_number() over (
                partition by {{ key_list }}
                order by
                    printed_count desc,
                    case when unit_kind = 'money' then abs(value) end desc nulls last,
                    first_line_no,
                    value
            ) as preference,
            bool_or(in_conflict) over (partition by {{ key_list }}) as key_in_conflict
        from candidates
    )

    select
        {{ key_list }},
        value,
        fact_ids,
        key_in_conflict as has_conflict
    from ranked
    where preference = 1
{% endmacro %}
