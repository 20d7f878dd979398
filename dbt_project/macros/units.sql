{#- Units, their kinds and factors come from the seed unit_vocabulary (orchestration/lib/vocabulary/units.py). -#}

{# A value in the column unit of its kind: money and prices in 万元 (factor wan_factor), compute in PFLOPS
   (pflops_factor). A value printed without a unit is in the column unit already; a unit without the
   factor (万美元, a unit the vocabulary lacks) gives null, never a guess. #}
{% macro in_column_unit(value, unit, factor) -%}
    {#- the seed's unit column is renamed so that an unqualified `unit` argument names the outer row's -#}
    {%- set lookup = "(select " ~ factor ~ " from (select unit as vocabulary_unit, " ~ factor ~ " from " ~ ref('unit_vocabulary') ~ ") where vocabulary_unit = " ~ unit ~ ")" -%}
    case when {{ unit }} is null then {{ value }} else {{ scaled(value, lookup) }} end
{%- endmacro %}

{# value × factor; a factor below 1 divides by its exact inverse (元: / 10000), so 12,345.67 元 keeps its
   printed decimals in 万元 where × 0.0001 would not. #}
{% macro scaled(value, factor) -%}
    case when {{ factor }} >= 1 then {{ value }} * {{ factor }} else {{ value }} / round(1.0 / {{ factor }}) end
{%- endmacro %}
