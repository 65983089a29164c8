{%- include "shared/orders/order_processing.py" -%}
