{# A sensitivity scenario ("单价下降10%", "价格提高5%") names an assumption: its figures are not the published case. #}
{% macro names_a_scenario(text) -%}
    coalesce(regexp_matches({{ text }}, '(提升|下降|上升|提高|降低|上浮|下浮|增加|减少)\s*\d+(\.\d+)?\s*%'), false)
{%- endmacro %}

{# The aging bucket a label names (1年以内, 1-2年, 5年以上), in one spelling; null when it names none. #}
{% macro aging_bucket(text) -%}
    case
        when regexp_matches({{ text }}, '(1年以内|一年以内|0\s*[-~至]\s*1\s*年)') then '1年以内'
        when regexp_matches({{ text }}, '\d\s*[-~至]\s*\d\s*年')
            then regexp_extract({{ text }}, '(\d)\s*[-~至]\s*(\d)\s*年', 1) || '-' || regexp_extract({{ text }}, '(\d)\s*[-~至]\s*(\d)\s*年', 2) || '年'
        when regexp_matches({{ text }}, '\d\s*年以上') then regexp_extract({{ text }}, '(\d)\s*年以上', 1) || '年以上'
    end
{%- endmacro %}

{# The category of an investment item, from the words of its name (docs block capex_item_category). #}
{% macro capex_category(name) -%}
    case
        when regexp_matches({{ name }}, '流动资金') then 'working_capital'
        when regexp_matches({{ name }}, '软件') and not regexp_matches({{ name }}, '硬件') then 'software'
        when regexp_matches({{ name }}, '机柜|机房|IDC') then 'cabinet'
        when regexp_matches({{ name }}, '带宽|宽带|网络资源') then 'bandwidth'
        when regexp_matches({{ name }}, '硬件|服务器|设备|交换机|光模块|存储|防火墙|线缆|GPU|网卡|芯片') then 'hardware'
        else 'other'
    end
{%- endmacro %}

{# A GPU model where a label names one: NVIDIA-style letter and digits (H800, A100, H20, L40S) or Ascend 9xx. #}
{% macro gpu_model(text) -%}
    nullif(regexp_extract({{ text }}, '(?:^|[^A-Za-z0-9])([HABL]\d{2,3}[A-Z]?|9\d0[A-Z])(?:[^A-Za-z0-9]|$)', 1), '')
{%- endmacro %}

{# Owned or leased, where the label says so. #}
{% macro ownership(text) -%}
    case
        when regexp_matches({{ text }}, '租赁|租入|外租|租用') then 'leased'
        when regexp_matches({{ text }}, '自有|自建|自购|购置') then 'owned'
    end
{%- endmacro %}
