{%- include "shared/orders/test_orders.py" -%}
