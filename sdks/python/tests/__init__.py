import os
import sys

# Run from sdks/python with `python3 -m unittest discover -s tests -t .`: the package under test is src/.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
