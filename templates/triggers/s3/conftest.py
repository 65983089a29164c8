{#- Fixtures of the trigger's own AWS resources, added to the project's tests/unit/conftest.py
    (each one named in the registry's test_fixtures). -#}
{%- macro fixtures() %}


@pytest.fixture
def uploads_bucket(aws: None, load_event: Callable[[str], dict[str, Any]]) -> str:
    """The versioned bucket named in events/object_created.json."""
    name = load_event("object_created.json")["Records"][0]["s3"]["bucket"]["name"]
    client = boto3.client("s3")
    client.create_bucket(
        Bucket=name,
{%- if cookiecutter.aws_region != "us-east-1" %}
        CreateBucketConfiguration={"LocationConstraint": "{{ cookiecutter.aws_region }}"},
{%- endif %}
    )
    client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name
{%- endmacro %}
