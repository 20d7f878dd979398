{#
    Every source is named without the warehouse file's catalog: DuckDB names the catalog after the
    file, so a view that named it would break once the warehouse is copied or renamed.
#}
{% macro source(source_name, table_name) -%}
    {{ return(builtins.source(source_name, table_name).include(database=False)) }}
{%- endmacro %}
