{#- The vocabulary's groups and kinds, read from its seeds (orchestration/lib/vocabulary): never listed here. -#}

{# The metrics of a group, as a subquery for `metric in {{ metric_group('fleet') }}`. #}
{% macro metric_group(group) -%}
    (select metric from {{ ref('metric_groups') }} where metric_group = '{{ group }}')
{%- endmacro %}

{# The kind of a period code (fiscal_year, balance_date, model_year ...); null outside the grammar. #}
{% macro period_kind(period) -%}
    (select period_kind from {{ ref('period_kinds') }} where regexp_full_match({{ period }}, pattern))
{%- endmacro %}
