{#
    The compound unit a price is printed in: the fact's own unit when it has one (元/台/月; a fact in 个 is
    no price), else the one its row or column label prints (单价(万元/架), 机柜租赁单价(万元/架/年,不含增值税));
    null when neither prints one (a price whose unit a line break cut off stays without one, never a guessed one).
#}
{% macro printed_price_unit(unit, label_text) -%}
    case
        when {{ unit }} is null then nullif(regexp_extract({{ label_text }}, {{ compound_price_unit() }}), '')
        else nullif(regexp_extract({{ unit }}, '^' || {{ compound_price_unit() }} || '$'), '')
    end
{%- endmacro %}

{#
    That unit with the price in 万元 (元/台/月 becomes 万元/台/月). A price per unit with no time base,
    printed in a forecast's model-year column, is a price per year: the columns of a forecast are years
    (单价(万元/架) under 第2年 is 万元/架/年).
#}
{% macro price_unit_in_wan(printed_unit, period_kind) -%}
    case
        when {{ printed_unit }} is null then null
        when {{ period_kind }} in ('model_year', 'model_years')
            and length({{ printed_unit }}) - length(replace({{ printed_unit }}, '/', '')) = 1
            then regexp_replace({{ printed_unit }}, '^元/', '万元/') || '/年'
        else regexp_replace({{ printed_unit }}, '^元/', '万元/')
    end
{%- endmacro %}

{# 万元 or 元 per a counted thing (台, 架, 个, 套, 柜, P, PFLOPS), per month or year before or after it. #}
{% macro compound_price_unit() -%}
    '万?元/(?:(?:月|年)/)?(?:台|架|个|套|柜|PFLOPS|P)(?:/(?:月|年))?'
{%- endmacro %}
