"""Validates API answers against openapi.yaml, read from the dereferenced JSON bundle that
`npm run bundle:openapi` (in sdks/) writes; only the JSON Schema keywords openapi.yaml uses."""

import json
import os

BUNDLE = os.path.join(os.path.dirname(__file__), "..", "..", "target", "openapi.json")


def load_spec():
    if not os.path.exists(BUNDLE):
        raise FileNotFoundError(f"{BUNDLE} is missing: run 'npm run bundle:openapi' in sdks/ (sdks/test-all.sh does)")
    with open(BUNDLE, encoding="utf-8") as f:
        return json.load(f)


def _type(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def validate(schema, value, at="$"):
    """Returns the problems; empty when the value matches."""
    if not isinstance(schema, dict):
        return []
    problems = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        t = _type(value)
        if t not in types and not (t == "integer" and "number" in types):
            return [f"{at}: {value!r} is not {'|'.join(types)}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{at}: {value!r} not in {schema['enum']}")
    for sub in schema.get("allOf", []):
        problems += validate(sub, value, at)
    for key in ("oneOf", "anyOf"):
        if key in schema and not any(not validate(s, value, at) for s in schema[key]):
            problems.append(f"{at}: matches none of {key}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{at}.{name}: required")
        extra = schema.get("additionalProperties")
        for name, v in value.items():
            if name in props:
                problems += validate(props[name], v, f"{at}.{name}")
            elif extra is False:
                problems.append(f"{at}.{name}: not allowed")
            elif isinstance(extra, dict):
                problems += validate(extra, v, f"{at}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += validate(schema["items"], item, f"{at}[{i}]")
    return problems


def response_of(spec, operation_id, status):
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                response = op["responses"].get(str(status)) or op["responses"].get("default")
                if response is None:
                    raise AssertionError(f"{operation_id} documents no {status} answer")
                return response
    raise AssertionError(f"no operation {operation_id} in openapi.yaml")


def assert_documented(spec, operation_id, status, headers, body):
    """Fails unless (status, headers, body) is an answer openapi.yaml documents for operation_id."""
    response = response_of(spec, operation_id, status)
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    problems = validate(schema, body)
    if "x-request-id" not in headers:
        problems.append("header X-Request-Id: missing")
    if problems:
        raise AssertionError(f"{operation_id} {status} does not match openapi.yaml:\n  " + "\n  ".join(problems))
