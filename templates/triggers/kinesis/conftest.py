{#- Fixtures of the trigger's own AWS resources, added to the project's tests/unit/conftest.py
    (each one named in the registry's test_fixtures). -#}
{%- macro fixtures() %}


@pytest.fixture
def source_stream(aws: None) -> str:
    """An on-demand stream like SourceStream, empty; returns its name."""
    name = "{{ cookiecutter.project_slug }}-orders"
    client = boto3.client("kinesis")
    client.create_stream(StreamName=name, StreamModeDetails={"StreamMode": "ON_DEMAND"})
    client.get_waiter("stream_exists").wait(StreamName=name, WaiterConfig={"Delay": 0})
    return name
{%- endmacro %}
