{#
    One value per key from facts that may print it several times (docs block printed_value_choice):
    the value printed most often wins; among money values printed equally often the largest (a total
    is never smaller than its parts); then the earliest line. Every fact that printed the chosen value
    is listed in fact_ids; has_conflict says another value was printed for the same key.
    `relation` must have the key columns, `value`, unit_kind, filing_id, fact_id and line_no.
#}
{% macro collapse_printed(relation, keys) %}
    {%- set key_list = keys | join(', ') -%}
    with candidates as (
        select
            {{ key_list }},
            value,
            min(unit_kind) as unit_kind,
            list(filing_id || ':' || fact_id order by filing_id, line_no, fact_id) as fact_ids,
            count(*) as printed_count,
            min(line_no) as first_line_no
        from {{ relation }}
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
            count(*) over (partition by {{ key_list }}) as distinct_values
        from candidates
    )

    select
        {{ key_list }},
        value,
        fact_ids,
        distinct_values > 1 as has_conflict
    from ranked
    where preference = 1
{% endmacro %}
