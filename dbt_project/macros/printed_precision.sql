{#- Half a unit of the last decimal place a value shows: the widest rounding its printing allows.
    A value printed with trailing zeros ("36.80") shows fewer places ("36.8"), so the bound is wider,
    never narrower, than the printed one: rounding never fails a test built on it. -#}
{% macro half_unit(column) -%}
    (0.5 * pow(10, -length(coalesce(regexp_extract(cast({{ column }} as varchar), '\.(\d+)$', 1), ''))))
{%- endmacro %}
