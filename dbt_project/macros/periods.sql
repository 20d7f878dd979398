{# Period codes (docs/periods.md) turned into calendar attributes; model-year codes have no calendar date.
   Their kinds come from the vocabulary (macro period_kind). #}

{% macro period_start_date(period) -%}
    case
        when {{ period }} like 'FY%' then make_date(cast(substr({{ period }}, 3, 4) as integer), 1, 1)
        when regexp_matches({{ period }}, '^\d{4}M\d{2}-M\d{2}$')
            then make_date(cast(substr({{ period }}, 1, 4) as integer), cast(substr({{ period }}, 6, 2) as integer), 1)
    end
{%- endmacro %}

{% macro period_end_date(period) -%}
    case
        when {{ period }} like 'FY%' then make_date(cast(substr({{ period }}, 3, 4) as integer), 12, 31)
        when regexp_matches({{ period }}, '^\d{4}M\d{2}-M\d{2}$')
            then last_day(make_date(cast(substr({{ period }}, 1, 4) as integer), cast(substr({{ period }}, 10, 2) as integer), 1))
        when {{ period }} like '@%' then try_cast(substr({{ period }}, 2) as date)
    end
{%- endmacro %}

{% macro model_year(period) -%}
    case when regexp_matches({{ period }}, '^Y\d+$') then cast(substr({{ period }}, 2) as integer) end
{%- endmacro %}
