"""The validator the end-to-end tests rely on: openapi.yaml's examples pass, and it can fail."""

import unittest

from .schema import load_spec, validate


class SchemaValidatorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = load_spec()

    def test_every_response_example_matches_its_schema(self):
        checked = 0
        for item in self.spec["paths"].values():
            for op in item.values():
                if not isinstance(op, dict):
                    continue
                for status, response in op.get("responses", {}).items():
                    media = response.get("content", {}).get("application/json", {})
                    if "example" in media:
                        self.assertEqual(validate(media["schema"], media["example"]), [],
                                         f"{op['operationId']} {status}")
                        checked += 1
        self.assertGreaterEqual(checked, 20)

    def test_the_validator_rejects_a_wrong_answer(self):
        schema = self.spec["paths"]["/api/agents"]["post"]["responses"]["202"]["content"]["application/json"]["schema"]
        self.assertEqual(validate(schema, {"agentId": "a", "status": "QUEUED", "createdAt": "x"}), [])
        self.assertEqual(len(validate(schema, {"agentId": "a", "status": "SLEEPING", "createdAt": "x"})), 1)
        self.assertEqual(len(validate(schema, {"status": "QUEUED", "createdAt": "x"})), 1)
        self.assertEqual(len(validate(schema, {"agentId": 7, "status": "QUEUED", "createdAt": "x"})), 1)
