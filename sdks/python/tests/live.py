"""The end-to-end suites run against LAUNCHPAD_URL and LAUNCHPAD_API_KEY, or are skipped saying so."""

import os
import sys
import unittest

URL = os.environ.get("LAUNCHPAD_URL")
KEY = os.environ.get("LAUNCHPAD_API_KEY")
SKIP_REASON = "end-to-end tests skipped: set LAUNCHPAD_URL (e.g. http://localhost:8080) and LAUNCHPAD_API_KEY"


def live(cls):
    """Skips the class, printing why, when no platform is configured."""
    if URL and KEY:
        return cls
    print(f"# SKIPPED {cls.__name__}: {SKIP_REASON}", file=sys.stderr)
    return unittest.skip(SKIP_REASON)(cls)


def agent_body(name):
    return {"agentName": name, "description": "SDK end-to-end test agent",
            "personality": {"system": "You are a test agent.", "bio": ["I exist to be tested"], "adjectives": ["brief"]},
            "resources": {"memory": "512Mi", "cpu": "250m", "replicas": 1}}
