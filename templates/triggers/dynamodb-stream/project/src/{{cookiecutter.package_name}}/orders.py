{%- include "shared/orders/orders.py" -%}
