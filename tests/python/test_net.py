"""Python tests of the net topic (placeholder until the topic lands)."""
import unittest

if __name__ == "__main__":
    unittest.main()
