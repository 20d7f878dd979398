{# Money is 万元 unless the fact says 元 or 亿元 (docs/metrics.md); other currencies are not converted. #}
{% macro money_in_wan(value, unit) -%}
    case
        when {{ unit }} is null or {{ unit }} = '万元' then {{ value }}
        when {{ unit }} = '元' then {{ value }} / 10000.0
        when {{ unit }} = '亿元' then {{ value }} * 10000.0
    end
{%- endmacro %}

{# A price in 万元 per something (万元/台/月) or 元 per something (元/台/月, 元/月/台, 元/P/月), in 万元. #}
{% macro price_in_wan(value, unit) -%}
    case
        when {{ unit }} is null or {{ unit }} like '万元%' then {{ value }}
        when {{ unit }} like '元%' then {{ value }} / 10000.0
    end
{%- endmacro %}

{# Compute in PFLOPS: P and PFLOPS as printed, EFLOPS times 1000. #}
{% macro compute_in_pflops(value, unit) -%}
    case
        when {{ unit }} is null or upper({{ unit }}) in ('P', 'PFLOPS') then {{ value }}
        when upper({{ unit }}) in ('E', 'EFLOPS') then {{ value }} * 1000.0
    end
{%- endmacro %}
