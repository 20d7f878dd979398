{#
    The key that makes a project's name variants one project (docs block project_name_resolution):
    whitespace and quotation marks go, then the issuer's short name, then what introduces a project
    ("本次募投项目", "公司本次", "前次"), then a phase printed after a dash (a sub-project such as
    "…研发中心项目-算力中心(一期)" is part of the project named before the dash), then a numbering note
    such as "(项目一)", then wording that varies between mentions of one project ("建设", "及运营").
#}
{% macro project_key(name, short_name) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        replace(regexp_replace({{ name }}, '[\s“”"‘’「」『』《》]', '', 'g'), coalesce({{ short_name }}, '~'), ''),
                        '^(公司)?(本次|本|前次)?(募投项目|募集资金投资项目)?', ''),
                    '项目[-—–].*$', '项目'),
                '[(（]项目[一二三四五六七八九十0-9]+[)）]', '', 'g'),
            '(及运营|建设)', '', 'g'),
        '^项目$', '')
{%- endmacro %}
