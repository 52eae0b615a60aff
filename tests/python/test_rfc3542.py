"""Python tests of the rfc3542 topic (placeholder until the topic lands)."""
import unittest

if __name__ == "__main__":
    unittest.main()
