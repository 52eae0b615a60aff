"""Python tests of the batch topic (placeholder until the topic lands)."""
import unittest

if __name__ == "__main__":
    unittest.main()
