"""The SDK against the running platform; every answer is checked against openapi.yaml."""

import time
import unittest
import uuid

import agent_launchpad as sdk

from .live import KEY, URL, agent_body, live
from .schema import assert_documented, load_spec


@live
class EndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = load_spec()
        cls.client = sdk.AgentLaunchpadClient(api_key=KEY, base_url=URL)
        cls.created = []

    @classmethod
    def tearDownClass(cls):
        for agent_id in cls.created:
            try:
                cls.client.agents.delete(agent_id)
            except sdk.AgentLaunchpadError:
                pass

    def documented(self, operation_id, answer):
        assert_documented(self.spec, operation_id, answer.status, answer.headers, dict(answer))
        return answer

    def documented_error(self, operation_id, code, call, *args, **kwargs):
        with self.assertRaises(sdk.AgentLaunchpadError) as caught:
            call(*args, **kwargs)
        err = caught.exception
        self.assertEqual(err.code, code)
        assert_documented(self.spec, operation_id, err.status, err.headers, err.body)
        self.assertEqual(err.request_id, err.headers["x-request-id"])
        return err

    def documented_or_refused(self, operation_id, call, *args, **kwargs):
        """An answer of a route that may rightly refuse here, checked against openapi.yaml either way: the routes
        that read the cluster answer 409 CONFLICT for an agent not deployed yet and 503 SERVICE_UNAVAILABLE where
        there is no cluster (the local platform does not serve them yet). Any other refusal fails."""
        try:
            return self.documented(operation_id, call(*args, **kwargs))
        except sdk.AgentLaunchpadError as err:
            if err.code not in ("CONFLICT", "SERVICE_UNAVAILABLE"):
                raise
            assert_documented(self.spec, operation_id, err.status, err.headers, err.body)
            return err

    def new_agent(self, prefix):
        agent = self.client.agents.create(agent_body(f"{prefix}-{int(time.time() * 1000):x}"))
        self.created.append(agent["agentId"])
        return agent

    def update_with_the_current_version(self, agent_id):
        """The deployer records what it observes while the agent rolls out, which moves the version: as a client
        should, read it again and retry on CONFLICT. Returns the version the update was made against."""
        for _ in range(10):
            version = self.client.agents.get(agent_id)["version"]
            try:
                self.documented("updateAgent", self.client.agents.update(agent_id, description="changed",
                                                                         if_match=version))
                return version
            except sdk.ConflictError:
                time.sleep(0.5)
        self.fail("the agent's version kept moving for 10 reads")

    def test_agent_lifecycle(self):
        agent = self.documented("createAgent", self.new_agent("sdk-py"))
        agent_id = agent["agentId"]
        self.assertEqual(agent["status"], "QUEUED")
        self.documented("getAgentStatus", self.client.agents.get_status(agent_id))
        detail = self.documented("getAgent", self.client.agents.get(agent_id))

        found = False
        for page in self.client.agents.list(limit=1):
            self.documented("listAgents", page)
            if any(a["agentId"] == agent_id for a in page["agents"]):
                found = True
                break
        self.assertTrue(found, "the new agent is listed")

        self.assertIn("version", detail)
        version = self.update_with_the_current_version(agent_id)
        self.documented_error("scaleAgent", "CONFLICT", self.client.agents.scale, agent_id, 2,
                              if_match=version)
        self.documented("scaleAgent", self.client.agents.scale(agent_id, 2))
        self.documented("restartAgent", self.client.agents.restart(agent_id))
        self.documented("deleteAgent", self.client.agents.delete(agent_id))

    def test_a_replayed_create_answers_the_same_agent(self):
        key = str(uuid.uuid4())
        body = agent_body(f"sdk-py-idem-{int(time.time() * 1000):x}")
        first = self.client.agents.create(body, idempotency_key=key)
        self.created.append(first["agentId"])
        replay = self.documented("createAgent", self.client.agents.create(body, idempotency_key=key))
        self.assertEqual(replay["agentId"], first["agentId"])
        self.assertEqual(replay.headers.get("idempotent-replayed"), "true")

    def test_errors_are_typed_and_documented(self):
        self.documented_error("getAgentStatus", "AGENT_NOT_FOUND", self.client.agents.get_status, "agent-nope")
        err = self.documented_error("createAgent", "VALIDATION_ERROR", self.client.agents.create,
                                    agent_name="Not A Label")
        self.assertIn("agentName", [d["field"] for d in err.details])
        anonymous = sdk.AgentLaunchpadClient(api_key="alk_not_a_key", base_url=URL)
        self.documented_error("listAgents", "INVALID_API_KEY", lambda: anonymous.agents.list().first())

    def test_identity_monitoring_security_and_system_routes(self):
        once = sdk.AgentLaunchpadClient(api_key=KEY, base_url=URL, max_retries=0)  # a 503 is an answer to check
        self.documented_or_refused("getHealth", once.system.health)
        self.documented_or_refused("getSystemMetrics", once.system.metrics)
        self.documented("getUserProfile", self.client.users.get_profile())
        self.documented("listKeys", self.client.auth.list_keys())
        self.documented_or_refused("listSecurityEvents", once.security.events, limit=5)
        agent_id = self.new_agent("sdk-py-mon")["agentId"]
        self.documented_or_refused("getAgentMetrics", once.agents.metrics, agent_id)
        self.documented_or_refused("getAgentLogs", once.agents.logs, agent_id, lines=10)
        self.documented_or_refused("scanAgent", once.security.scan, agent_id)

    def test_messages_to_an_agent_with_no_running_process_are_a_conflict(self):
        # The simulated runtime (and a real one before the agent is up) runs no agent process: nobody to answer.
        agent_id = self.new_agent("sdk-py-msg")["agentId"]
        err = self.documented_error("sendAgentMessage", "CONFLICT", self.client.agents.send_message, agent_id,
                                    "Hello, agent", user_id="e2e-user")
        self.assertIsInstance(err, sdk.ConflictError)
        self.documented_error("listAgentMessages", "CONFLICT", self.client.agents.list_messages, agent_id, limit=5)
        self.documented_error("sendAgentMessage", "AGENT_NOT_FOUND", self.client.agents.send_message,
                              "agent-does-not-exist", "Hello")
