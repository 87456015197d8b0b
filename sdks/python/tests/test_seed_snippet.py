"""The seed's Python SDK example as written, with a real key and the local URL ("# ... other options" filled in
with the one more field the platform requires, a personality)."""

import os
import unittest

from .live import live


@live
class SeedSnippetTest(unittest.TestCase):
    def test_the_seed_python_snippet_runs(self):
        # --- from the API reference, "Python SDK" ---
        from agent_launchpad import AgentLaunchpadClient

        client = AgentLaunchpadClient(
            api_key=os.environ['LAUNCHPAD_API_KEY'],
            base_url=os.environ['LAUNCHPAD_URL']
        )

        # Create agent
        agent = client.agents.create(
            agent_name='my-bot',
            description='My AI bot',
            personality={'bio': 'I am a bot'}
        )

        # Get status
        status = client.agents.get_status(agent['agentId'])
        # --- end of the snippet ---

        self.addCleanup(client.agents.delete, agent['agentId'])
        self.assertEqual(status['agentId'], agent['agentId'])
        self.assertIn(status['status'], ('QUEUED', 'DEPLOYING', 'DEPLOYED'))
