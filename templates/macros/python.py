{#- Relative imports of one function's module, in the order ruff's isort keeps them: in an
    extra function's subpackage the package's shared modules come first (from ".."), then
    the function's own (from "."); in the main function, all from "." by name. Each import
    is [module, names, shared]; the lines end without a newline. Import with context. -#}
{%- macro relative_imports(imports) -%}
{%- set f = features(cookiecutter) -%}
{%- set ns = namespace(lines=[]) -%}
{%- for module, names, shared in imports -%}
{%- set source = (f.shared_import if shared else ".") ~ module -%}
{%- set ns.lines = ns.lines + [(0 if shared and f.module else 1, module, "from " ~ source ~ " import " ~ names)] -%}
{%- endfor -%}
{%- for _rank, _module, line in ns.lines | sort -%}
{{ line }}{{ "\n" if not loop.last }}
{%- endfor -%}
{%- endmacro -%}
